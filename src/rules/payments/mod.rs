//! Payments: card data, webhooks, idempotency, amounts.

pub mod card_data;
crate::category! {
    pan_in_logs => PanInLogs,
    webhook_unverified => WebhookUnverified,
    webhook_signature_timing => WebhookSignatureTiming,
    missing_idempotency_key => MissingIdempotencyKey,
    client_controlled_amount => ClientControlledAmount,
}

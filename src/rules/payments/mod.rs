//! Payments: card data, webhooks, idempotency, amounts.

pub mod card_data;
pub mod client_controlled_amount;
pub mod missing_idempotency_key;
pub mod pan_in_logs;
pub mod webhook_signature_timing;
pub mod webhook_unverified;

//! Payments: card data, webhooks, idempotency, amounts.

pub mod card_data;
pub mod pan_in_logs;
pub mod webhook_unverified;

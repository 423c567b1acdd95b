use stripe::{Client, CreatePaymentIntent, Currency, PaymentIntent};

pub async fn charge(client: &Client, amount: i64) -> Result<PaymentIntent, stripe::StripeError> {
    let params = CreatePaymentIntent::new(amount, Currency::USD);
    PaymentIntent::create(client, params).await // expect: payments/missing-idempotency-key
}

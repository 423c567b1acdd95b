pub struct BankDetails {
    pub iban: String,
    pub holder: String,
}

pub fn send_payout(details: &BankDetails, amount_cents: i64) {
    tracing::info!(iban = %details.iban, amount_cents, "sending payout"); // expect: payments/pan-in-logs
    tracing::info!(holder = %details.holder, amount_cents, "payout queued"); // ok: payments/pan-in-logs
    println!("payout of {amount_cents} to {}", mask(&details.iban)); // ok: payments/pan-in-logs
}

fn mask(value: &str) -> String {
    format!("****{}", &value[value.len().saturating_sub(4)..])
}

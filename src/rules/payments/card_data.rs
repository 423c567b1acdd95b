//! What counts as card data: names of card numbers, CVV/CVC, expiry, IBAN and whole
//! card objects; and what does not: last4, brand, tokens, masked values.

/// The words of a name: `cardNumber`, `card_number`, `CARD-NUMBER` -> [card, number].
pub fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// What a name holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardName {
    /// A card number, CVV/CVC, expiry or IBAN.
    Sensitive,
    /// A whole card object (`card`, `creditCard`, `paymentCard`).
    CardObject,
    /// Safe parts of card data: last4, brand, tokens, ids, masked values.
    Safe,
    Other,
}

pub fn classify(name: &str) -> CardName {
    let w = words(name);
    let has = |x: &str| w.iter().any(|y| y == x);
    if has("last4")
        || (has("last") && (has("4") || has("four")))
        || has("brand")
        || has("masked")
        || has("mask")
        || has("token")
        || has("fingerprint")
        || has("id")
        || has("ids")
        || has("funding")
        || has("redacted")
        || has("hash")
        || has("hashed")
    {
        return CardName::Safe;
    }
    // `credit` alone is an amount or a credit note, `cc` alone an email's Cc
    let card = has("card");
    let cc = has("cc");
    if has("pan")
        || has("cvv")
        || has("cvc")
        || has("cvv2")
        || has("cvc2")
        || has("iban")
        || ((card || cc)
            && (has("number")
                || has("no")
                || has("num")
                || has("cvv")
                || has("expiry")
                || has("exp")
                || has("expiration")))
        || (has("security") && has("code"))
        || name.eq_ignore_ascii_case("ccnumber")
        || name.eq_ignore_ascii_case("cardnumber")
    {
        return CardName::Sensitive;
    }
    // `card`, `creditCard`, `paymentCard`; not a gift card's `cardValue`, a UI
    // `cardTitle` or a `giftCard`
    let payment_card = |q: &str| {
        matches!(
            q,
            "card" | "credit" | "debit" | "payment" | "bank" | "saved" | "stored" | "raw" | "new"
        )
    };
    if card && w.len() <= 2 && w.iter().all(|x| payment_card(x)) {
        return CardName::CardObject;
    }
    CardName::Other
}

/// For `card.number`, `card.cvc`, `card.exp_month`: a sensitive field of a card object.
pub fn sensitive_field_of_card(object: &str, field: &str) -> bool {
    classify(object) == CardName::CardObject
        && matches!(
            field.to_ascii_lowercase().as_str(),
            "number"
                | "cvc"
                | "cvv"
                | "exp"
                | "expiry"
                | "exp_month"
                | "exp_year"
                | "expmonth"
                | "expyear"
        )
}

/// Calls that make card data safe to print: masking, last four digits, hashing.
pub fn is_masking_call(callee: &str) -> bool {
    let c = callee.to_ascii_lowercase();
    [
        "mask", "redact", "last4", "lastfour", "hash", "sha", "tokeni", "obfuscat", "censor",
    ]
    .iter()
    .any(|w| c.contains(w))
        || c.ends_with(".slice")
        || c.ends_with(".substring")
        || c.ends_with(".substr")
        || c.ends_with(".replace")
        || c.ends_with(".replaceall")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_card_names() {
        for n in [
            "cardNumber",
            "card_number",
            "pan",
            "cvv",
            "cvc",
            "cardCvc",
            "iban",
            "ccNumber",
            "securityCode",
            "card_expiry",
        ] {
            assert_eq!(classify(n), CardName::Sensitive, "{n}");
        }
        for n in ["card", "creditCard", "paymentCard"] {
            assert_eq!(classify(n), CardName::CardObject, "{n}");
        }
        for n in [
            "last4",
            "cardLast4",
            "brand",
            "cardBrand",
            "paymentMethodId",
            "cardToken",
            "maskedPan",
            "cardIds",
        ] {
            assert_eq!(classify(n), CardName::Safe, "{n}");
        }
        for n in [
            "credit",
            "totalCredit",
            "creditNoteNumber",
            "cc",
            "ccList",
            "cardValue",
            "card_value",
            "cardTitle",
            "giftCard",
            "company",
            "span",
            "panel",
            "expiresAt",
            "cardholderName",
            "amount",
        ] {
            assert_eq!(classify(n), CardName::Other, "{n}");
        }
    }
}

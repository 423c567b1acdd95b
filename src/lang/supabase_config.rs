//! Supabase project settings from `supabase/config.toml`: which edge functions skip the
//! gateway's JWT check.

/// Names of the edge functions whose `[functions.NAME]` section sets `verify_jwt = false`.
pub fn functions_without_jwt_check(toml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut section: Option<String> = None;
    for line in toml.lines() {
        let line = line.split_once(" #").map_or(line, |(a, _)| a).trim();
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = header
                .trim()
                .strip_prefix("functions.")
                .map(|n| n.trim_matches(['"', '\'']).to_string());
            continue;
        }
        let Some(name) = &section else { continue };
        if let Some((k, v)) = line.split_once('=')
            && k.trim() == "verify_jwt"
            && v.trim() == "false"
            && !out.contains(name)
        {
            out.push(name.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_verify_jwt() {
        let toml = "[api]\nport = 1\n[functions.stripe-webhook]\nverify_jwt = false # webhooks\n[functions.\"chat\"]\nverify_jwt = true\n";
        assert_eq!(
            super::functions_without_jwt_check(toml),
            vec!["stripe-webhook"]
        );
    }
}

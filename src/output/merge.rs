//! `shipsafe merge`: joins the SARIF of several shards (`scan --shard I/N`) into one run
//! that GitHub code scanning takes as one analysis of one category.

use serde_json::Value;

/// Merges SARIF logs: the first run's tool, rules and category, every run's results
/// (rule indexes remapped) and notifications. Each input is (name, text).
pub fn merge(inputs: &[(String, String)]) -> Result<String, String> {
    let mut logs = Vec::new();
    for (name, text) in inputs {
        let v: Value = serde_json::from_str(text).map_err(|e| format!("{name}: not JSON: {e}"))?;
        logs.push((name, v));
    }
    let Some(((_, first), rest)) = logs.split_first_mut() else {
        return Err("nothing to merge".into());
    };
    let category = |v: &Value| v["runs"][0]["automationDetails"]["id"].clone();
    let want = category(first);
    let base = first["runs"]
        .get_mut(0)
        .ok_or("the first file has no run")?;
    for (name, log) in rest.iter() {
        if category(log) != want {
            return Err(format!(
                "{name}: category {} differs from {}; merge shards of one analysis",
                category(log),
                want
            ));
        }
        for run in log["runs"].as_array().into_iter().flatten() {
            let rules = run["tool"]["driver"]["rules"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for rule in &rules {
                let known = base["tool"]["driver"]["rules"]
                    .as_array()
                    .is_some_and(|r| r.iter().any(|b| b["id"] == rule["id"]));
                if !known && let Some(r) = base["tool"]["driver"]["rules"].as_array_mut() {
                    r.push(rule.clone());
                }
            }
            let index_of = |id: &Value, base: &Value| {
                base["tool"]["driver"]["rules"]
                    .as_array()
                    .and_then(|r| r.iter().position(|b| b["id"] == *id))
            };
            for result in run["results"].as_array().into_iter().flatten() {
                let mut r = result.clone();
                if let Some(i) = index_of(&r["ruleId"], base) {
                    r["ruleIndex"] = Value::from(i);
                }
                if let Some(results) = base["results"].as_array_mut() {
                    results.push(r);
                }
            }
            let notes = run["invocations"][0]["toolExecutionNotifications"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if let Some(n) = base["invocations"][0]["toolExecutionNotifications"].as_array_mut() {
                n.extend(notes);
            }
        }
    }
    let mut s = serde_json::to_string_pretty(first).map_err(|e| e.to_string())?;
    s.push('\n');
    Ok(s)
}

//! Supabase project settings from `supabase/config.toml`: which edge functions skip the
//! gateway's JWT check. Deploy commands say it too: `supabase functions deploy NAME
//! --no-verify-jwt` in a workflow, a package.json script, a shell script or the docs.

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

/// Names of the edge functions `config.toml` runs on a schedule:
/// `[[functions.NAME.schedule]]` (or `[functions.NAME.schedule]`) with a `cron` line.
pub fn scheduled_functions(toml: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in toml.lines() {
        let header = line
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim();
        if !line.trim_start().starts_with('[') {
            continue;
        }
        if let Some(name) = header
            .strip_prefix("functions.")
            .and_then(|h| h.strip_suffix(".schedule"))
        {
            let name = name.trim_matches(['"', '\'']).to_string();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// Names of the edge functions a deploy command ships without the gateway's JWT check:
/// `supabase functions deploy NAME … --no-verify-jwt`. A command that names its function
/// through a shell loop's variable deploys the loop's names (`for f in "${fns[@]}"` over
/// `fns=(chat hook)`); one that names no function, a placeholder (`{function-name}`) or a
/// variable whose values are not written down deploys every function so: `*`.
pub fn functions_deployed_without_jwt_check(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: String| {
        if !out.contains(&name) {
            out.push(name);
        }
    };
    for line in text.lines() {
        let Some(at) = line.find("functions deploy") else {
            continue;
        };
        let command = &line[at + "functions deploy".len()..];
        // the command ends at a shell separator
        let command = command.split(['&', ';', '|']).next().unwrap_or(command);
        if !command.contains("--no-verify-jwt") {
            continue;
        }
        let name = command
            .split_whitespace()
            .find(|w| !w.starts_with('-') && !w.starts_with('\\'))
            .map(|w| w.trim_matches(['\'', '`', '"', ',']));
        match name {
            Some(n) if plain_name(n) => push(n.to_string()),
            Some(n) => match shell_variable(n).map(|v| loop_values(text, v)) {
                Some(names) if !names.is_empty() => names.into_iter().for_each(&mut push),
                _ => push("*".to_string()),
            },
            None => push("*".to_string()),
        }
    }
    out
}

/// A function's folder name: letters, digits, `-` and `_`.
fn plain_name(n: &str) -> bool {
    !n.is_empty()
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The variable a shell word reads: `$func`, `${func}`.
fn shell_variable(word: &str) -> Option<&str> {
    let v = word.strip_prefix('$')?;
    let v = v
        .strip_prefix('{')
        .and_then(|v| v.strip_suffix('}'))
        .unwrap_or(v);
    plain_name(v).then_some(v)
}

/// The names a shell `for VAR in …` loop of the script gives its variable: the words
/// written in the loop, or those of the array it walks (`"${functions[@]}"` over
/// `functions=( "chat" "hook" )`, on one line or several).
fn loop_values(text: &str, var: &str) -> Vec<String> {
    let words = |list: &str| -> Vec<String> {
        list.split_whitespace()
            .map(|w| w.trim_matches(['"', '\'', ';']))
            .filter(|w| plain_name(w))
            .map(str::to_string)
            .collect()
    };
    let head = format!("for {var} in ");
    let Some(list) = text.lines().find_map(|l| {
        let l = l.trim();
        l.strip_prefix(&head)
            .map(|rest| rest.split("; do").next().unwrap_or(rest).trim())
    }) else {
        return Vec::new();
    };
    let array = list
        .trim_matches('"')
        .strip_prefix("${")
        .and_then(|a| a.strip_suffix("[@]}"))
        .or_else(|| list.strip_prefix('$').filter(|a| plain_name(a)));
    let Some(array) = array else {
        return words(list);
    };
    let open = format!("{array}=(");
    let Some(at) = text.find(&open) else {
        return Vec::new();
    };
    let body = &text[at + open.len()..];
    let body = body.split(')').next().unwrap_or(body);
    // comments inside the list
    let body: String = body
        .lines()
        .map(|l| l.split('#').next().unwrap_or(l))
        .collect::<Vec<_>>()
        .join(" ");
    words(&body)
}

/// The schemas the Data API serves, when `[api] schemas` sets them (PostgREST's
/// `db-schemas`): `schemas = ["public", "api"]`, on one line or several.
pub fn api_schemas(toml: &str) -> Option<Vec<String>> {
    let mut in_api = false;
    let mut list: Option<String> = None;
    for line in toml.lines() {
        let line = line.split_once('#').map_or(line, |(a, _)| a).trim();
        if let Some(open) = &mut list {
            open.push_str(line);
            if line.contains(']') {
                break;
            }
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_api = header.trim() == "api";
            continue;
        }
        if !in_api {
            continue;
        }
        if let Some((k, v)) = line.split_once('=')
            && k.trim() == "schemas"
        {
            let v = v.trim().to_string();
            let done = v.contains(']');
            list = Some(v);
            if done {
                break;
            }
        }
    }
    let list = list?;
    let inner = list.trim().strip_prefix('[')?.split(']').next()?;
    Some(
        inner
            .split(',')
            .map(|s| s.trim().trim_matches(['"', '\'']).to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )
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

    #[test]
    fn reads_scheduled_functions() {
        let toml = "[functions.sync]\nverify_jwt = false\n\n# every 6 hours\n[[functions.integrations-refresh.schedule]]\ncron = \"0 */6 * * *\"\n[functions.\"digest\".schedule]\ncron = \"0 8 * * *\"\n";
        assert_eq!(
            super::scheduled_functions(toml),
            ["integrations-refresh", "digest"]
        );
    }

    #[test]
    fn reads_api_schemas() {
        let toml = "[api]\nenabled = true\n# `public` and `graphql_public` are served by default\nschemas = [\"public\", \"api\"] # and ours\n[db]\nschemas = [\"x\"]\n";
        assert_eq!(
            super::api_schemas(toml),
            Some(vec!["public".into(), "api".into()])
        );
        let multi = "[api]\nschemas = [\n  \"public\",\n  'storage', # files\n]\n";
        assert_eq!(
            super::api_schemas(multi),
            Some(vec!["public".into(), "storage".into()])
        );
        assert_eq!(
            super::api_schemas("[api]\nport = 54321\n[db]\nschemas = [\"x\"]\n"),
            None
        );
    }

    #[test]
    fn reads_deploy_commands() {
        let workflow = "      - run: |\n          supabase functions deploy invite-advisor --no-verify-jwt\n          supabase functions deploy chat\n          npx supabase functions deploy --no-verify-jwt --project-ref $REF\n";
        assert_eq!(
            super::functions_deployed_without_jwt_check(workflow),
            vec!["invite-advisor", "*"]
        );
        let package = r#"{ "scripts": { "deploy:hook": "supabase functions deploy stripe-hook --no-verify-jwt && echo ok", "deploy:all": "supabase functions deploy" } }"#;
        assert_eq!(
            super::functions_deployed_without_jwt_check(package),
            vec!["stripe-hook"]
        );
        let variable = "supabase functions deploy \"$func\" --no-verify-jwt\n";
        assert_eq!(
            super::functions_deployed_without_jwt_check(variable),
            vec!["*"]
        );
        let array = "functions=(\n    \"send-email\"  # mail\n    \"hook\"\n)\nfor func in \"${functions[@]}\"; do\n  if supabase functions deploy \"$func\" --no-verify-jwt; then echo ok; fi\ndone\n";
        assert_eq!(
            super::functions_deployed_without_jwt_check(array),
            vec!["send-email", "hook"]
        );
        let words = "for f in chat digest; do supabase functions deploy $f --no-verify-jwt; done\n";
        assert_eq!(
            super::functions_deployed_without_jwt_check(words),
            vec!["chat", "digest"]
        );
        let docs = "Always deploy with `--no-verify-jwt`:\n\n    supabase functions deploy {function-name} --no-verify-jwt --project-ref abc\n";
        assert_eq!(super::functions_deployed_without_jwt_check(docs), vec!["*"]);
    }
}

//! `tenant/org-id-from-request`: a tenant filter whose value the client chooses.

use tree_sitter::Node;

use super::exempt_file;
use super::query::{self, Filter, source};
use crate::lang::Lang;
use crate::rules::{FileCx, Rule, RuleMeta, Sink};

crate::declare_rule! {
    OrgIdFromRequest {
        id: "tenant/org-id-from-request",
        title: "Tenant filter taken from the request",
        severity: High, confidence: Medium, tier: 1, cwe: [639],
        languages: [TypeScript, Tsx, JavaScript, Python],
        why: "The client picks the tenant: changing the org id in the body, query string or URL reads another organization's data.",
        fix: "Take the tenant from the authenticated session (or a verified token), or check the caller's membership of the requested org before the query.",
        docs: "org_id_from_request.md",
    }
}

impl Rule for OrgIdFromRequest {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn node_kinds(&self, lang: Lang) -> &'static [&'static str] {
        query::node_kinds(lang)
    }

    fn check_node(&self, cx: &FileCx<'_>, node: Node<'_>, out: &mut Sink) {
        if cx.facts.data.models.is_empty() || exempt_file(cx) {
            return;
        }
        let src = cx.text();
        for q in query::find(cx, node) {
            let Filter::Tenant(Some(value)) = q.filter else {
                continue;
            };
            let Some(t) = &q.model.tenant else { continue };
            if source::from_client(value, src) && !source::membership_checked(value, src) {
                out.report(
                    value.byte_range(),
                    format!(
                        "the `{}` filter on `{}` takes its value from the request, so the caller chooses the tenant",
                        t.field, q.model.name
                    ),
                );
            }
        }
    }
}

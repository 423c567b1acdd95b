//! `--format text`: compiler-grade diagnostics through miette, one per finding, with the
//! redacted source lines, a one-line why and a fix; then notes and a summary.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{OutputOptions, counts};
use crate::finding::Report;
use crate::finding::RuleMeta;
use crate::finding::{Finding, Severity, Window};

pub fn render(report: &Report, opts: &OutputOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_context_lines(1)
        .with_width(100);
    let mut out = String::new();
    for f in report.findings.iter().filter(|f| !f.is_suppressed()) {
        let meta = report.rules.iter().find(|r| r.id == f.rule_id);
        let diag = FindingDiagnostic { finding: f, meta };
        if handler.render_report(&mut out, &diag).is_err() {
            out.push_str(&format!(
                "{}:{}:{}: {} [{}]\n",
                f.path, f.span.start_line, f.span.start_column, f.message, f.rule_id
            ));
        }
        out.push('\n');
    }
    if !opts.quiet && !report.notes.is_empty() {
        out.push_str("notes:\n");
        for n in &report.notes {
            match n.line {
                Some(l) => out.push_str(&format!("  {}:{l}: {}\n", n.path, n.message)),
                None => out.push_str(&format!("  {}: {}\n", n.path, n.message)),
            }
        }
        out.push('\n');
    }
    out.push_str(&summary(report, opts));
    out
}

fn summary(report: &Report, opts: &OutputOptions) -> String {
    let c = counts(&report.findings);
    let total: usize = c.values().sum();
    let suppressed = report.findings.iter().filter(|f| f.is_suppressed()).count();
    let files = report.files_scanned;
    let mut s = if total == 0 {
        format!("shipsafe: no findings in {files} file{}", plural(files))
    } else {
        let parts: Vec<String> = Severity::ALL
            .iter()
            .filter(|sev| c[sev] > 0)
            .map(|sev| format!("{} {sev}", c[sev]))
            .collect();
        format!(
            "shipsafe: {total} finding{} ({}) in {files} file{}",
            plural(total),
            parts.join(", "),
            plural(files)
        )
    };
    if suppressed > 0 {
        s.push_str(&format!(", {suppressed} suppressed"));
    }
    if let Some(t) = opts.fail_on {
        let failing: usize = c.iter().filter(|(sev, _)| **sev >= t).map(|(_, n)| n).sum();
        if failing > 0 {
            s.push_str(&format!("; {failing} at or above --fail-on {t}"));
        }
    }
    s.push('\n');
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A finding as a miette diagnostic, its source being the finding's redacted window.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    meta: Option<&'a RuleMeta>,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{} ({} severity, {} confidence)",
            self.finding.rule_id,
            self.finding.severity,
            self.finding.confidence.as_str()
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Critical | Severity::High => miette::Severity::Error,
            Severity::Medium => miette::Severity::Warning,
            Severity::Low => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let m = self.meta?;
        Some(Box::new(format!(
            "why: {}\nfix: {}\nmore: shipsafe explain {}",
            m.why, m.fix, m.id
        )))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = self.meta.map(|m| m.title.clone());
        let main = std::iter::once((0, &self.finding.window, label));
        let related = self
            .windows()
            .skip(1)
            .zip(&self.finding.related)
            .map(|((base, w), r)| (base, w, Some(r.message.clone())));
        Some(Box::new(main.chain(related).map(|(base, w, label)| {
            LabeledSpan::new_with_span(
                label,
                SourceSpan::new((base + w.span.start).into(), w.span.len()),
            )
        })))
    }
}

impl FindingDiagnostic<'_> {
    /// The finding's window and those of its related places, each at its offset in the
    /// one source miette reads: one after the other, a byte apart.
    fn windows(&self) -> impl Iterator<Item = (usize, &Window)> + '_ {
        let mut base = 0;
        std::iter::once(&self.finding.window)
            .chain(self.finding.related.iter().map(|r| &r.window))
            .map(move |w| {
                let at = base;
                base += w.text.len() + 1;
                (at, w)
            })
    }
}

/// The window's text as miette source, with the file's real line numbers and name.
impl SourceCode for FindingDiagnostic<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let (base, w) = self
            .windows()
            .take_while(|(base, _)| *base <= span.offset())
            .last()
            .unwrap_or((0, &self.finding.window));
        let local = SourceSpan::new((span.offset() - base).into(), span.len());
        let inner = w
            .text
            .read_span(&local, context_lines_before, context_lines_after)?;
        let line = inner.line() + w.first_line - 1;
        let column = if inner.line() == 0 {
            inner.column() + w.first_column - 1
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.finding.path.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + base).into(), inner.span().len()),
            line,
            column,
            inner.line_count(),
        )))
    }
}

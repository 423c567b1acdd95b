//! Errors users can act on: each names the file and, where there is one, points at the
//! line through miette.

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceSpan};

use crate::source::SourceText;

/// An error in a file the user wrote (config, rule file), with its location.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct FileError {
    pub path: String,
    pub message: String,
    pub help: Option<String>,
    pub code: &'static str,
    src: Option<NamedSource<String>>,
    span: Option<SourceSpan>,
    label: String,
}

impl FileError {
    /// An error about a whole file (it cannot be read, for instance).
    pub fn plain(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        FileError {
            path: path.into(),
            message: message.into(),
            help: None,
            code,
            src: None,
            span: None,
            label: String::new(),
        }
    }

    /// An error at a byte range of a file.
    pub fn at(
        code: &'static str,
        path: &str,
        text: &str,
        range: std::ops::Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        let start = range.start.min(text.len());
        let len = range.end.min(text.len()).saturating_sub(start);
        FileError {
            path: path.to_string(),
            message: message.into(),
            help: None,
            code,
            src: Some(NamedSource::new(path, text.to_string())),
            span: Some(SourceSpan::new(start.into(), len)),
            label: label.into(),
        }
    }

    /// An error at a 1-based line and column.
    pub fn at_line(
        code: &'static str,
        path: &str,
        text: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        let src = SourceText::new(text.to_string());
        let start = src.offset_of(line, column);
        let end = src.line_range(line.saturating_sub(1)).end.max(start);
        let end = if end == start {
            (start + 1).min(text.len())
        } else {
            end
        };
        Self::at(code, path, text, start..end, message, label)
    }

    /// An error at the location of a YAML value (a serde-saphyr `Spanned`'s).
    pub fn at_yaml(
        code: &'static str,
        path: &str,
        text: &str,
        loc: &serde_saphyr::Location,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        Self::at_line(
            code,
            path,
            text,
            loc.line() as usize,
            loc.column().max(1) as usize,
            message,
            label,
        )
    }

    /// A YAML syntax or shape error from serde-saphyr.
    pub fn from_yaml(
        code: &'static str,
        path: &str,
        text: &str,
        err: &serde_saphyr::Error,
    ) -> Self {
        let message = format!("{path}: {}", err.without_snippet());
        let message = message.lines().next().unwrap_or_default().to_string();
        match err.location() {
            Some(loc) if loc.line() > 0 => Self::at_line(
                code,
                path,
                text,
                loc.line() as usize,
                loc.column().max(1) as usize,
                message,
                "here",
            ),
            _ => Self::plain(code, path, message),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl Diagnostic for FileError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.label.clone()),
            span,
        ))))
    }
}

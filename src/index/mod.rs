//! Indexes the rules ask instead of searching: [`file`] for one parsed file (built once
//! per file, shared by every rule); [`summary`] for what a file tells the rest of the
//! project (imports, exports, functions, calls, routes), taken from the same parse; and
//! [`project`], those summaries joined across files with imports [`resolve`]d.

pub mod file;
pub mod project;
pub mod resolve;
pub mod summary;

pub use file::FileIndex;
pub use project::ProjectIndex;
pub use summary::ModuleSummary;

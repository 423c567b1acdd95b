//! Indexes the rules ask instead of searching: [`file`] for one parsed file (built once
//! per file, shared by every rule).

pub mod file;

pub use file::FileIndex;

//! The per-file index: answers rules ask of a whole file, computed once per file and
//! shared by every rule that asks, instead of each query searching the text again.

use std::cell::OnceCell;
use std::collections::HashSet;

/// What is known of one file beyond its text and tree. Filled on first use.
#[derive(Default)]
pub struct FileIndex {
    /// The names the file assigns from an expression that mentions the service role
    /// (`const admin = createClient(url, SERVICE_ROLE_KEY)`).
    pub service_role_names: OnceCell<HashSet<String>>,
}

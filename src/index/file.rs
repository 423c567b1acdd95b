//! The per-file index: answers rules ask of a whole file, computed once per file and
//! shared by every rule that asks, instead of each query searching the text again.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};

use tree_sitter::Node;

/// What is known of one file beyond its text and tree. Filled on first use.
#[derive(Default)]
pub struct FileIndex {
    /// The names the file assigns from an expression that mentions the service role
    /// (`const admin = createClient(url, SERVICE_ROLE_KEY)`).
    pub service_role_names: OnceCell<HashSet<String>>,
    /// Yes/no answers about one node, by question and node id: asked again for each
    /// child of a large node (each string of a 5,000-key object asks whether the object
    /// is a Firebase config), answered once.
    per_node: RefCell<HashMap<(&'static str, usize), bool>>,
}

impl FileIndex {
    /// The answer to `question` about `node`, computed by `answer` the first time only.
    pub fn once_per_node(
        &self,
        question: &'static str,
        node: Node<'_>,
        answer: impl FnOnce() -> bool,
    ) -> bool {
        let key = (question, node.id());
        if let Some(&known) = self.per_node.borrow().get(&key) {
            return known;
        }
        let value = answer();
        self.per_node.borrow_mut().insert(key, value);
        value
    }
}

//! Where one fact was read: its character span, the sentence it stands in
//! and the rule that found it. Entities, targets and links each hold one;
//! the document is the [`super::Extraction`]'s own (`document.path`), and
//! the store's facts already carry their document, so it is not repeated
//! here.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The span, sentence and rule of one extracted fact. Printed flattened
/// into the fact's JSON object as `start`, `end`, `sentence`, `rule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Character offsets into the original text.
    pub start: usize,
    pub end: usize,
    /// Shared by everything quoted from the same sentence.
    pub sentence: Arc<str>,
    /// Id of the rule that found the fact (shared, as names are).
    pub rule: Arc<str>,
}

impl Provenance {
    /// The fact's character span, (start, end).
    pub fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }
}

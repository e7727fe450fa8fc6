//! Documents, from bytes to an outlined text: [`read`] decodes files,
//! [`html`] reduces pages to text, `pdf` and `docx` read
//! PDFs' text layers and Word files' paragraphs, [`normalise`] builds the matching view with
//! its offset map, [`structure`] finds title, sections, paragraphs and
//! sentences.

pub mod date;
mod docx;
pub mod html;
pub mod normalise;
mod pdf;
pub mod read;
pub mod structure;
mod traditional;

pub use normalise::NormText;
pub use read::{collect_documents, collect_paths, read_file, Collected, Encoding, SourceText};
pub use structure::{Section, Sentence, Structure};

/// Content hash of a document's bytes, as the store and JSON show it.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

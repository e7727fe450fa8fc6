//! Reading: bytes on disk → text. Detects the encoding (UTF-8 with or without
//! BOM, UTF-16 LE/BE with or without BOM, GBK/GB18030), refuses binary and
//! undecodable input with a reason, and reduces HTML pages to their text,
//! PDFs to their text layer ([`super::pdf`]) and Word files to their
//! paragraphs ([`super::docx`]).
//! The string returned here is the document's *original text*: every span
//! ptkg reports is a character offset into it.

use std::path::{Path, PathBuf};

use crate::chars::{is_cjk_punct, is_common_cjk};
use crate::error::{Error, Result};

/// Largest file ptkg reads; longer files are refused rather than risking memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// File extensions taken when a folder is walked.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "pdf", "docx"];

/// How the extensions taken read in a message.
pub const EXTENSIONS_SHOWN: &str = ".txt, .md, .html, .pdf or .docx";

/// Which encoding the bytes were decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
    /// The text layer of a PDF.
    Pdf,
    /// The paragraphs of a Word (.docx) document.
    Docx,
}

/// A decoded input file.
#[derive(Debug, Clone)]
pub struct SourceText {
    pub path: PathBuf,
    pub encoding: Encoding,
    pub is_html: bool,
    pub text: String,
    /// What the file says about itself outside its text.
    pub meta: PageMeta,
}

/// What a file declares about itself outside its text — for an HTML page,
/// its markup. Kept beside the text (in the store too) because the text
/// alone cannot give it back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The publication date a page's `<meta>` or `<time>` declares, as
    /// written (see `html::page_date`); parsed by `date::find`.
    pub page_date: Option<String>,
}

/// Expands files and folders (recursively) into the list of readable documents,
/// sorted so that runs are reproducible. Missing paths are an error.
pub fn collect_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    Ok(collect_documents(inputs)?.paths)
}

/// The documents files and folders hold, and what the folders held besides.
#[derive(Debug, Default)]
pub struct Collected {
    /// Files named, and the text, Markdown and HTML files inside folders,
    /// each folder's sorted.
    pub paths: Vec<PathBuf>,
    /// Files inside folders skipped for their extension, per folder.
    pub skipped: Vec<(PathBuf, usize)>,
}

/// [`collect_paths`], also counting the files each folder held that are not
/// documents (so a caller can say so).
pub fn collect_documents(inputs: &[PathBuf]) -> Result<Collected> {
    let mut out = Collected::default();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| Error::Io {
            path: input.clone(),
            source: e,
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            let mut skipped = 0;
            for e in walkdir::WalkDir::new(input)
                .follow_links(true)
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_file())
            {
                if has_text_extension(e.path()) {
                    found.push(e.into_path());
                } else {
                    skipped += 1;
                }
            }
            found.sort();
            out.paths.extend(found);
            if skipped > 0 {
                out.skipped.push((input.clone(), skipped));
            }
        } else {
            out.paths.push(input.clone());
        }
    }
    Ok(out)
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        .unwrap_or(false)
}

/// Reads and decodes one file.
pub fn read_file(path: &Path) -> Result<SourceText> {
    let io = |e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    check_size(path)?;
    let bytes = std::fs::read(path).map_err(io)?;
    decode_document(path, &bytes, is_html_path(path))
}

/// Refuses files over [`MAX_FILE_BYTES`] before reading them.
pub fn check_size(path: &Path) -> Result<()> {
    let io = |e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(Error::Input {
            path: path.to_path_buf(),
            reason: format!(
                "file is {} MB, larger than the {} MB limit; split it into one file per speech",
                len / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        });
    }
    Ok(())
}

/// Whether the file name says HTML (.html, .htm).
pub fn is_html_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm"))
        .unwrap_or(false)
}

/// Whether the file name ends in that extension, in any case.
fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Decodes bytes into a document's original text (see the module docs).
/// A PDF is known by its extension or its `%PDF-` start, a Word file by
/// its extension.
pub fn decode_document(path: &Path, bytes: &[u8], html_hint: bool) -> Result<SourceText> {
    let fail = |reason: &str| Error::Input {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let packaged = if has_extension(path, "pdf") || bytes.starts_with(b"%PDF-") {
        Some((
            Encoding::Pdf,
            super::pdf::pdf_text(bytes).map_err(|e| fail(&e.reason()))?,
        ))
    } else if has_extension(path, "docx") {
        Some((
            Encoding::Docx,
            super::docx::docx_text(bytes).map_err(|e| fail(&e))?,
        ))
    } else {
        None
    };
    if let Some((encoding, text)) = packaged {
        if text.chars().all(char::is_whitespace) {
            return Err(fail("document has no text; nothing to extract"));
        }
        return Ok(SourceText {
            path: path.to_path_buf(),
            encoding,
            is_html: false,
            text,
            meta: PageMeta::default(),
        });
    }
    let (encoding, mut text) = decode_bytes(bytes).map_err(&fail)?;
    let is_html = html_hint || looks_like_html(&text);
    let mut meta = PageMeta::default();
    if is_html {
        meta.page_date = crate::document::html::page_date(&text);
        text = crate::document::html::html_to_text(&text);
    }
    if text.chars().all(char::is_whitespace) {
        return Err(fail(
            "file is empty (no text after decoding); nothing to extract",
        ));
    }
    Ok(SourceText {
        path: path.to_path_buf(),
        encoding,
        is_html,
        text,
        meta,
    })
}

/// Detects the encoding of `bytes` and decodes them. The error is a reason
/// fit to follow the file name.
pub fn decode_bytes(bytes: &[u8]) -> std::result::Result<(Encoding, String), &'static str> {
    if bytes.is_empty() {
        return Err("file is empty; nothing to extract");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(|s| (Encoding::Utf8Bom, s.to_string()))
            .map_err(|_| "file starts with a UTF-8 byte-order mark but is not valid UTF-8; re-save it as UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, true).map(|s| (Encoding::Utf16Le, s));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, false).map(|s| (Encoding::Utf16Be, s));
    }
    if let Some(little_endian) = utf16_without_bom(bytes) {
        if let Ok(s) = decode_utf16(bytes, little_endian) {
            let enc = if little_endian {
                Encoding::Utf16Le
            } else {
                Encoding::Utf16Be
            };
            return Ok((enc, s));
        }
    }
    if looks_binary(bytes) {
        return Err(
            "file looks binary (control bytes), not text; pass .txt, .md, .html, .pdf or .docx speeches",
        );
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((Encoding::Utf8, s.to_string()));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err("text is neither UTF-8, UTF-16 nor GBK/GB18030 (undecodable bytes); re-save it as UTF-8");
    }
    // GB18030 maps almost every byte pair to some character; text that came
    // out mostly outside common CJK and ASCII is not really GBK.
    let plausible = text
        .chars()
        .filter(|c| c.is_ascii() || is_common_cjk(*c) || is_cjk_punct(*c))
        .count();
    if plausible * 10 < text.chars().count() * 8 {
        return Err(
            "text is neither UTF-8, UTF-16 nor GBK/GB18030 (decodes to noise); re-save it as UTF-8",
        );
    }
    Ok((Encoding::Gb18030, text.into_owned()))
}

fn decode_utf16(bytes: &[u8], little_endian: bool) -> std::result::Result<String, &'static str> {
    if !bytes.len().is_multiple_of(2) {
        return Err("UTF-16 text has an odd number of bytes (truncated file?)");
    }
    let units = bytes.chunks_exact(2).map(|p| {
        if little_endian {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<std::result::Result<String, _>>()
        .map_err(|_| "invalid UTF-16 (unpaired surrogate); re-save it as UTF-8")
}

/// UTF-16 without a BOM shows as NUL bytes in every other position: in odd
/// positions for little-endian ASCII, even positions for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even_nul += 1
            } else {
                odd_nul += 1
            }
        }
    }
    let pairs = sample.len() / 2;
    if odd_nul * 4 >= pairs && even_nul * 20 < pairs {
        return Some(true);
    }
    if even_nul * 4 >= pairs && odd_nul * 20 < pairs {
        return Some(false);
    }
    // CJK-only UTF-16 has few NULs; accept it when it decodes to mostly CJK.
    for le in [true, false] {
        if let Ok(s) = decode_utf16(sample, le) {
            let n = s.chars().count().max(1);
            let cjk = s
                .chars()
                .filter(|c| is_common_cjk(*c) || is_cjk_punct(*c))
                .count();
            if std::str::from_utf8(bytes).is_err() && cjk * 10 >= n * 9 {
                return Some(le);
            }
        }
    }
    None
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample
        .iter()
        .filter(|b| matches!(**b, 0..=8 | 14..=26 | 28..=31 | 127))
        .count();
    control > 0 && (sample.contains(&0) || control * 50 > sample.len())
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_bom() {
        assert_eq!(decode_bytes("区委".as_bytes()).unwrap().0, Encoding::Utf8);
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend("区委".as_bytes());
        assert_eq!(
            decode_bytes(&b).unwrap(),
            (Encoding::Utf8Bom, "区委".to_string())
        );
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode("临江区委召开全会，推动高质量发展。");
        let (enc, text) = decode_bytes(&bytes).unwrap();
        assert_eq!(enc, Encoding::Gb18030);
        assert_eq!(text, "临江区委召开全会，推动高质量发展。");
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let s = "临江区委召开全会，推动高质量发展。";
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(
            decode_bytes(&le).unwrap(),
            (Encoding::Utf16Le, s.to_string())
        );
        let be: Vec<u8> = "ab区委"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode_bytes(&be).unwrap().0, Encoding::Utf16Be);
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert!(decode_bytes(b"").is_err());
        assert!(decode_bytes(&[0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2, 3])
            .unwrap_err()
            .contains("binary"));
    }
}

//! PDF → text: the text layer of every page through
//! [pdf-extract](https://docs.rs/pdf-extract) (pure Rust, on lopdf; Type0
//! CJK fonts are mapped back to Unicode through their ToUnicode CMaps),
//! then the page furniture taken out: a line repeated at the top or foot
//! of most pages (a running header, 临江区人民政府文件) and bare page numbers
//! (`- 3 -`, `第3页`, `3/16`). Lines stay as the page broke them; the
//! matching view joins hard-wrapped lines (`normalise::hard_wraps`), so
//! spans point into this text as extracted.
//!
//! A PDF without a text layer (a scan) or one the reader cannot parse is an
//! error with a reason, never a crash: a panic inside the reader is caught.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Once;

/// Why a PDF gave no text; the reasons read after the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Every page is empty of text.
    NoTextLayer,
    /// The file is not a PDF the reader can parse (cut short, encrypted, …).
    Unreadable(String),
}

impl PdfError {
    pub fn reason(&self) -> String {
        match self {
            PdfError::NoTextLayer => "no text layer (a scanned PDF?); run OCR first".into(),
            PdfError::Unreadable(why) => format!(
                "not a readable PDF ({why}); re-export it from the application that made it"
            ),
        }
    }
}

/// The text of a PDF's pages, page furniture dropped, pages joined by a
/// line break.
pub fn pdf_text(bytes: &[u8]) -> Result<String, PdfError> {
    let pages = read_pages(bytes)?;
    if pages.iter().all(|p| p.chars().all(char::is_whitespace)) {
        return Err(PdfError::NoTextLayer);
    }
    Ok(drop_furniture(&pages))
}

thread_local! {
    /// Set while this thread runs the PDF reader, whose panics are caught
    /// and reported as errors (the panic hook stays silent for them).
    static IN_READER: Cell<bool> = const { Cell::new(false) };
}

fn read_pages(bytes: &[u8]) -> Result<Vec<String>, PdfError> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_READER.with(Cell::get) {
                previous(info)
            }
        }));
    });
    IN_READER.with(|f| f.set(true));
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    IN_READER.with(|f| f.set(false));
    match result {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(e)) => Err(PdfError::Unreadable(first_line(&e.to_string()))),
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the reader failed".into());
            Err(PdfError::Unreadable(first_line(&why)))
        }
    }
}

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    let short: String = line.chars().take(80).collect();
    if short.is_empty() {
        "the reader failed".into()
    } else {
        short
    }
}

/// Lines at each end of a page looked at for running headers and footers.
const EDGE_LINES: usize = 2;

/// Joins the pages, leaving out their running headers and footers and
/// their page numbers. A header or footer is a line among the first or
/// last [`EDGE_LINES`] non-empty lines of a page that, with its digits
/// ignored, stands at an edge of at least half the pages (and two).
fn drop_furniture(pages: &[String]) -> String {
    let lines: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.lines().map(str::trim_end).collect())
        .collect();
    let mut at_edge: HashMap<String, usize> = HashMap::new();
    for page in &lines {
        let mut seen = std::collections::HashSet::new();
        for line in edges(page) {
            let key = furniture_key(line);
            if !key.is_empty() && seen.insert(key.clone()) {
                *at_edge.entry(key).or_default() += 1;
            }
        }
    }
    let repeated = |line: &str| {
        let n = at_edge.get(&furniture_key(line)).copied().unwrap_or(0);
        n >= 2 && n * 2 >= pages.len()
    };
    let mut out = String::new();
    for page in &lines {
        let edge: Vec<*const u8> = edges(page).map(|l| l.as_ptr()).collect();
        let kept: Vec<&str> = page
            .iter()
            .filter(|l| {
                let furniture = is_page_number(l) || (edge.contains(&l.as_ptr()) && repeated(l));
                !furniture
            })
            .copied()
            .collect();
        // Blank lines at the page's ends are the gaps the furniture left.
        let start = kept.iter().position(|l| !l.trim().is_empty());
        let end = kept.iter().rposition(|l| !l.trim().is_empty());
        if let (Some(s), Some(e)) = (start, end) {
            let kept = &kept[s..=e];
            let double = is_double_spaced(kept);
            for (k, line) in kept.iter().enumerate() {
                // In a double-spaced page a blank line is only a gap
                // between lines; a paragraph gap is two.
                let single_gap = line.trim().is_empty()
                    && !kept[k - 1].trim().is_empty()
                    && !kept[k + 1].trim().is_empty();
                if double && single_gap {
                    continue;
                }
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Whether the reader put a blank line between most lines of a page (it
/// does when the line spacing is wide): then one blank line is no
/// paragraph break, and the page's hard wraps show only once they go.
fn is_double_spaced(lines: &[&str]) -> bool {
    let full = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let single_gaps = lines
        .windows(3)
        .filter(|w| w[1].trim().is_empty() && !w[0].trim().is_empty() && !w[2].trim().is_empty())
        .count();
    full >= 4 && single_gaps * 10 >= (full - 1) * 7
}

/// The first and last [`EDGE_LINES`] non-empty lines of a page.
fn edges<'a>(page: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
    let full: Vec<&str> = page
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let n = full.len();
    full.into_iter()
        .enumerate()
        .filter(move |(i, _)| *i < EDGE_LINES || *i + EDGE_LINES >= n)
        .map(|(_, l)| l)
}

/// A line with its digits and spaces taken out, so `第3页` and `第4页` are
/// one running line.
fn furniture_key(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit())
        .collect()
}

/// A line that is only a page number: `3`, `- 3 -`, `— 3 —`, `第3页`,
/// `第 3 页 共 16 页`, `3/16`, `Page 3`, `Page 3 of 16`.
fn is_page_number(line: &str) -> bool {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if squeezed.is_empty() || !squeezed.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let s = squeezed.to_ascii_lowercase();
    let s = s.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·' | '•'));
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if digits(s) {
        return true;
    }
    if let Some((a, b)) = s.split_once('/') {
        return digits(a) && digits(b);
    }
    if let Some(rest) = s.strip_prefix("page") {
        return match rest.split_once("of") {
            Some((a, b)) => digits(a) && digits(b),
            None => digits(rest),
        };
    }
    if let Some(rest) = s.strip_prefix('第') {
        let (this, total) = match rest.split_once('共') {
            Some((a, b)) => (a, Some(b)),
            None => (rest, None),
        };
        let page_of = |t: &str| t.strip_suffix('页').is_some_and(digits);
        return page_of(this.trim_end_matches([',', '，'])) && total.is_none_or(page_of);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for yes in [
            "3",
            "- 3 -",
            "— 12 —",
            "第3页",
            "第 3 页 共 16 页",
            "3/16",
            "Page 3 of 16",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "",
            "2021年",
            "一、2020年工作回顾",
            "增长6%",
            "第三页",
            "- -",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn running_headers_and_page_numbers_are_dropped() {
        let body = ["一、回顾\n过去一年", "二、目标\n今年", "三、措施\n明年"];
        let pages: Vec<String> = (1..=3)
            .map(|n| format!("临江区人民政府文件\n\n{}\n\n- {n} -\n", body[n - 1]))
            .collect();
        let text = drop_furniture(&pages);
        assert_eq!(text, "一、回顾\n过去一年\n二、目标\n今年\n三、措施\n明年\n");
    }

    #[test]
    fn double_spaced_pages_lose_their_single_blank_lines() {
        let pages = vec!["甲一\n\n甲二\n\n甲三\n\n\n乙一\n\n乙二\n".to_string()];
        assert_eq!(drop_furniture(&pages), "甲一\n甲二\n甲三\n\n\n乙一\n乙二\n");
    }

    #[test]
    fn a_line_repeated_inside_pages_stays() {
        let pages: Vec<String> = (1..=3)
            .map(|n| format!("第{n}章\n甲\n乙\n重复的正文\n丙\n丁\n"))
            .collect();
        let text = drop_furniture(&pages);
        assert_eq!(text.matches("重复的正文").count(), 3);
    }

    #[test]
    fn garbage_is_unreadable_not_a_panic() {
        assert!(matches!(
            pdf_text(b"%PDF-1.4\n1 0 obj <<"),
            Err(PdfError::Unreadable(_))
        ));
    }
}

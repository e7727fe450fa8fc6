//! Character classes every stage tests text against (CJK ideographs,
//! CJK punctuation). They sit at the bottom of the crate beside `model`, so
//! rule compilation and document reading share one definition.

/// CJK unified ideographs (basic block and extension A).
pub fn is_common_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The largest character boundary of `text` at or before byte `at` (the
/// end of the text when `at` is past it): where a window of bytes cut
/// into a text of several-byte characters may end.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// CJK and full-width punctuation.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2018}'..='\u{201F}' | '\u{2014}' | '\u{2026}' | '\u{00B7}' | '\u{2022}')
}

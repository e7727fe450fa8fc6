//! Escaping for every text format the graph layer writes: XML (GraphML,
//! SVG), HTML text and JSON inside a `<script>` element. Names and
//! sentences come from speeches and may hold anything, so each writer
//! escapes through here; an export must parse whatever the speech held.

/// Whether XML 1.0 allows `c` at all (even escaped): tab, newline,
/// carriage return and everything from U+0020 except U+FFFE and U+FFFF.
/// Rust's `char` already excludes the surrogates.
pub(crate) fn xml_allows(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// `s` as XML character data or an attribute value: markup characters and
/// quotes escaped, line breaks and tabs as character references (so an
/// attribute keeps them), characters XML forbids (\v, \f, ESC, \x01 …)
/// dropped.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| xml_allows(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` without the characters XML forbids: for text handed to a tool that
/// writes XML itself (Graphviz writing SVG from DOT labels).
pub fn xml_safe(s: &str) -> String {
    s.chars().filter(|c| xml_allows(*c)).collect()
}

/// JSON to embed in an HTML `<script>` element: every `<`, `>` and `&`
/// written as a JSON escape, so no `</script>`, `<!--` or `]]>` in the
/// data can end or bend the element, while the JSON reads the same.
pub fn json_in_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // JavaScript before ES2019 ends a string at these two.
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(xml("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml("临江\u{b}区\u{c}\u{1b}\u{1}"), "临江区");
        assert_eq!(xml("一\n二\t"), "一&#10;二&#9;");
        assert_eq!(xml("\u{FFFE}x\u{FFFF}"), "x");
        assert_eq!(xml_safe("a\u{b}b\nc"), "ab\nc");
    }

    #[test]
    fn json_in_a_script_cannot_close_it() {
        let raw = serde_json::to_string("</script><!--<script>]]>&").unwrap();
        let embedded = json_in_script(&raw);
        assert!(!embedded.contains('<') && !embedded.contains('>'));
        let back: String = serde_json::from_str(&embedded).unwrap();
        assert_eq!(back, "</script><!--<script>]]>&");
    }
}

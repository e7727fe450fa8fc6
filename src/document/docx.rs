//! Word (.docx) → text: the paragraphs of `word/document.xml` in document
//! order, one line each — headings (styles Heading N / 标题 N / Title) and
//! the paragraphs of table cells included, so a table gives one line per
//! cell. Runs are joined, tabs become a space, line breaks (`w:br`) a line
//! break; deleted text, field codes, headers, footers and footnotes (other
//! parts of the package) are left out. Read through
//! [zip](https://docs.rs/zip) and [roxmltree](https://docs.rs/roxmltree).

use std::io::Read;

/// The WordprocessingML namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Largest `document.xml` read, unpacked (a guard against zip bombs).
const MAX_XML_BYTES: u64 = 256 * 1024 * 1024;

/// Why a Word file gave no text: a reason to follow the file name.
pub fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let unreadable = |why: String| {
        format!("not a readable Word document ({why}); re-save it from Word as .docx")
    };
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|_| unreadable("no word/document.xml inside".into()))?
        .take(MAX_XML_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| unreadable(e.to_string()))?;
    let doc = roxmltree::Document::parse(&xml).map_err(|e| unreadable(e.to_string()))?;
    let mut out = String::new();
    for p in doc
        .descendants()
        .filter(|n| is_w(n, "p") && !inside(n, "txbxContent"))
    {
        paragraph_text(p, &mut out);
        out.push('\n');
    }
    Ok(out)
}

fn is_w(n: &roxmltree::Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

/// Whether a paragraph sits inside an element of that name (a text box's
/// paragraphs are also reachable from its fallback picture; read once).
fn inside(n: &roxmltree::Node, name: &str) -> bool {
    n.ancestors().skip(1).any(|a| is_w(&a, name))
}

/// The text of one paragraph: its runs' `w:t`, `w:tab` as a space and
/// `w:br` / `w:cr` as a line break; nested paragraphs (none in valid
/// files) are not entered.
fn paragraph_text(p: roxmltree::Node, out: &mut String) {
    for n in p.descendants().skip(1) {
        if !n.is_element() || n.tag_name().namespace() != Some(W) {
            continue;
        }
        match n.tag_name().name() {
            "t" if !inside(&n, "del") => out.push_str(n.text().unwrap_or("")),
            "tab" if n.parent().is_some_and(|r| is_w(&r, "r")) => out.push(' '),
            "br" | "cr" => out.push('\n'),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docx(body: &str) -> Vec<u8> {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        write!(
            zip,
            r#"<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
        )
        .unwrap();
        zip.finish().unwrap();
        buf.into_inner()
    }

    #[test]
    fn paragraphs_headings_and_cells_are_lines() {
        let body = r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>一、总体</w:t></w:r></w:p>
<w:p><w:r><w:t>地区生产总值</w:t></w:r><w:r><w:t xml:space="preserve">增长6%</w:t></w:r><w:del><w:r><w:t>删</w:t></w:r></w:del></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>目标</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
        assert_eq!(
            docx_text(&docx(body)).unwrap(),
            "一、总体\n地区生产总值增长6%\n指标\n目标\n"
        );
    }

    #[test]
    fn broken_files_say_so() {
        let e = docx_text(b"PK\x03\x04 cut").unwrap_err();
        assert!(e.starts_with("not a readable Word document"), "{e}");
    }
}

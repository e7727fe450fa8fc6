//! HTML pages reduced to text: tags removed, `<script>`, `<style>` and
//! `<head>` dropped, block elements turned into line breaks, character
//! references decoded. What remains of site furniture (share banners,
//! page counters) is removed later by `boilerplate` rules, not here.

/// Elements whose whole content is dropped.
const DROPPED: &[&str] = &[
    "script", "style", "head", "noscript", "template", "svg", "iframe",
];
/// Elements that start a new line of text.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "ul",
    "ol",
    "table",
    "blockquote",
    "pre",
    "title",
    "hr",
    "dd",
    "dt",
    "aside",
    "main",
    "form",
];

/// Converts an HTML page into plain text, one block element per line.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map(|i| &after[i + 3..]).unwrap_or("");
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && DROPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = match lower.find(&close) {
                Some(i) => {
                    let after = &rest[i..];
                    after.find('>').map(|j| &after[j + 1..]).unwrap_or("")
                }
                None => "",
            };
            continue;
        }
        if BLOCK.contains(&name.as_str()) && !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
    }
    push_text(&mut out, rest);
    // Collapse runs of blank lines left by nested blocks.
    let mut cleaned = String::with_capacity(out.len());
    for line in out.lines() {
        let line = line.trim();
        if !line.is_empty() {
            cleaned.push_str(line);
            cleaned.push('\n');
        }
    }
    cleaned
}

fn push_text(out: &mut String, raw: &str) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        push_space_collapsed(out, &rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c.is_whitespace() || c == '&')
            .map(|i| i + 1);
        match end.filter(|e| rest.as_bytes().get(*e) == Some(&b';')) {
            Some(e) => {
                match decode_entity(&rest[1..e]) {
                    Some(c) => out.push(c),
                    None => out.push_str(&rest[..=e]),
                }
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_space_collapsed(out, rest);
}

fn push_space_collapsed(out: &mut String, s: &str) {
    for c in s.chars() {
        if c == '\n' || c == '\r' || c == '\t' {
            if !out.ends_with(' ') && !out.ends_with('\n') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "nbsp" | "ensp" | "emsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_scripts_and_decodes_entities() {
        let html = "<html><head><title>t</title><style>p{}</style></head><body><script>var a='<p>';</script>\
                    <p>区委&ldquo;六稳&rdquo;</p><div>第二段&nbsp;内容 &amp; &#20013;</div><!-- note --></body></html>";
        assert_eq!(html_to_text(html), "区委“六稳”\n第二段 内容 & 中\n");
    }
}

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

/// `<meta>` names and properties that carry a page's publication date: the
/// gov.cn site standard (PubDate, FirstPublishedTime), Open Graph and
/// Dublin Core, and schema.org's datePublished.
const DATE_META: &[&str] = &[
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "publish-date",
    "firstpublishedtime",
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
];

/// The publication date a page declares in its markup, as written: the
/// `content` of the first date `<meta>` (see [`DATE_META`]), else the
/// `datetime` (or the text) of the first `<time>` element. The text of a
/// page never holds it, so it is read from the markup before tags go.
/// Comments, scripts and styles are skipped; one pass over the page.
pub fn page_date(html: &str) -> Option<String> {
    let mut time = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name_end = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        let attrs = &tag[name_end..];
        match name.as_str() {
            "meta" => {
                let key = attribute(attrs, "name")
                    .or_else(|| attribute(attrs, "property"))
                    .or_else(|| attribute(attrs, "itemprop"));
                if key.is_some_and(|k| DATE_META.contains(&k.to_ascii_lowercase().as_str())) {
                    if let Some(c) = attribute(attrs, "content").filter(|c| !c.trim().is_empty()) {
                        return Some(c.trim().to_string());
                    }
                }
            }
            "time" if time.is_none() => {
                time = attribute(attrs, "datetime")
                    .map(|d| d.trim().to_string())
                    .or_else(|| {
                        let end = rest.find('<').unwrap_or(rest.len());
                        Some(rest[..end].trim().to_string())
                    })
                    .filter(|d| !d.is_empty());
            }
            "script" | "style" => {
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                rest = lower.find(&close).map_or("", |i| &rest[i..]);
            }
            _ => {}
        }
    }
    time
}

/// The value of attribute `wanted` in a tag's attribute text, quoted with
/// " or ' or bare; names compare without case.
fn attribute<'a>(attrs: &'a str, wanted: &str) -> Option<&'a str> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let value = match rest.strip_prefix('=') {
            Some(after) => {
                let after = after.trim_start();
                let (value, next) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = &after[1..];
                        let end = body.find(q).unwrap_or(body.len());
                        (&body[..end], body.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = after.find(char::is_whitespace).unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                rest = next;
                value
            }
            None => "",
        };
        if name.eq_ignore_ascii_case(wanted) {
            return Some(value);
        }
    }
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
    fn a_page_date_from_meta_or_time() {
        let gov =
            "<html><head><meta charset=utf-8><meta name=\"PubDate\" content=\"2024-01-15 09:30\">\
                   <title>t</title></head><body><p>正文</p></body></html>";
        assert_eq!(page_date(gov).as_deref(), Some("2024-01-15 09:30"));
        let og = "<meta property='article:published_time' content='2023-02-01T08:00:00+08:00'/>";
        assert_eq!(page_date(og).as_deref(), Some("2023-02-01T08:00:00+08:00"));
        let time =
            "<p>发布</p><time datetime=\"2022-03-11\">3月11日</time><time datetime=\"2020-01-01\">";
        assert_eq!(page_date(time).as_deref(), Some("2022-03-11"));
        let bare = "<span><time>2022年3月11日</time></span>";
        assert_eq!(page_date(bare).as_deref(), Some("2022年3月11日"));
        // A meta wins over an earlier <time>; other metas, comments and
        // scripts are not read.
        let mixed = "<!-- <meta name=pubdate content=1999-01-01> --><script>var s='<time datetime=1998-01-01>';</script>\
                     <time datetime=2021-05-05></time><meta name=keywords content=2020-01-01><meta name=PubDate content=2021-06-01>";
        assert_eq!(page_date(mixed).as_deref(), Some("2021-06-01"));
        assert_eq!(page_date("<p>2024-01-15</p>"), None);
    }

    #[test]
    fn strips_tags_scripts_and_decodes_entities() {
        let html = "<html><head><title>t</title><style>p{}</style></head><body><script>var a='<p>';</script>\
                    <p>区委&ldquo;六稳&rdquo;</p><div>第二段&nbsp;内容 &amp; &#20013;</div><!-- note --></body></html>";
        assert_eq!(html_to_text(html), "区委“六稳”\n第二段 内容 & 中\n");
    }
}

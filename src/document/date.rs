//! Date: when a document was written or delivered, as far as it says so.
//!
//! The matching view, its title and the file name enter; a [`DocDate`]
//! leaves, with the place it was read from. Sources, strongest first: the
//! dateline under the title (——2023年1月10日在…会议上, (2018年2月3日)), a
//! year in the title (2023年政府工作报告), a publication line
//! (发布时间：2024-01-15), the date an HTML page declares in its markup
//! (`<meta name="PubDate">`, `<time datetime>`), then a year in the file
//! name (…_2021_…). Only
//! the head of the document is searched: a date deep in the text is a date
//! the text talks about. Nothing is ever taken from the machine's clock.

use std::sync::OnceLock;

use regex::Regex;

/// How much of the document's head is searched for a dateline or a
/// publication line, in bytes of the view.
const HEAD: usize = 1200;

/// Where a document's date was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    Dateline,
    Title,
    Publication,
    PageMeta,
    FileName,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Dateline => "dateline",
            DateSource::Title => "title",
            DateSource::Publication => "publication",
            DateSource::PageMeta => "page_meta",
            DateSource::FileName => "file_name",
        }
    }
}

/// A document's date: a year, perhaps with month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub source: DateSource,
}

impl DocDate {
    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY".
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("date regex"))
}

/// A dateline: a line that is (or opens with) a full date, alone, in
/// brackets, after a dash, or followed by 在…(会议) as under a report's
/// title.
fn dateline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?m)^[ \t]*(?:——|—|--)?[ \t]*\(?[ \t]*((?:19|20)\d{2})[ \t]*年[ \t]*(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*日[ \t]*(?:\)|在|$)",
    )
}

/// A publication line: 发布时间 / 发布日期 / 时间 / 日期 and a date
/// written with dashes or with 年月日.
fn publication_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?:发布|发文|成文|更新)?(?:时间|日期)[ \t]*[:|]?[ \t|\n]*((?:19|20)\d{2})[-/.年][ \t]*(\d{1,2})[-/.月][ \t]*(\d{1,2})",
    )
}

/// How much of the document's end is searched for a signature date, in
/// bytes of the view.
const TAIL: usize = 300;

/// A signature date: a line that is only a full date (in brackets or not).
fn signature_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?m)^[ \t]*\(?[ \t]*((?:19|20)\d{2})[ \t]*年[ \t]*(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*日[ \t]*\)?[ \t]*$",
    )
}

fn title_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"((?:19|20)\d{2})[ \t]*年")
}

/// Month and day right after a year: 年07月28日.
fn month_day_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"^[ \t]*(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*日")
}

/// A page's declared date: 2024-01-15, 2024/1/15, 2024-01-15T08:00:00+08:00,
/// 2024年1月15日, 20240115, or a year and month alone.
fn page_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"^\s*((?:19|20)\d{2})(?:[-/.年]\s*(\d{1,2})(?:[-/.月]\s*(\d{1,2}))?|(\d{2})(\d{2})(?:\D|$))",
    )
}

/// Parses the date a page declares (`PageMeta::page_date`).
fn parse_page_date(raw: &str) -> Option<DocDate> {
    let c = page_date_re().captures(raw)?;
    let number = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let month = number(2).or(number(4)).filter(|m| (1..=12).contains(m));
    Some(DocDate {
        year: c[1].parse().ok()?,
        month,
        day: number(3)
            .or(number(5))
            .filter(|d| month.is_some() && (1..=31).contains(d)),
        source: DateSource::PageMeta,
    })
}

fn file_name_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"(?:^|[_\-. ])((?:19|20)\d{2})(?:[_\-. ]|$)")
}

/// The date of a document: `head` is the view (only its start is read),
/// `title` the title structure analysis found, `page_date` what an HTML
/// page declared in its markup, `path` the file name.
pub fn find(text: &str, title: &str, page_date: Option<&str>, path: &str) -> Option<DocDate> {
    let mut end = text.len().min(HEAD);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let full = |c: regex::Captures, source| DocDate {
        year: c[1].parse().unwrap_or_default(),
        month: c[2].parse().ok().filter(|m| (1..=12).contains(m)),
        day: c[3].parse().ok().filter(|d| (1..=31).contains(d)),
        source,
    };
    let year_only = |c: regex::Captures, source| DocDate {
        year: c[1].parse().unwrap_or_default(),
        month: None,
        day: None,
        source,
    };
    if let Some(c) = dateline_re().captures(head) {
        return Some(full(c, DateSource::Dateline));
    }
    // A speech or report signed at its end (…\n2019年7月8日): a line that
    // is a full date alone, among the last ones.
    let mut tail_start = text.len().saturating_sub(TAIL);
    while !text.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    if let Some(c) = signature_re().captures_iter(&text[tail_start..]).last() {
        return Some(full(c, DateSource::Dateline));
    }
    let publication = publication_re()
        .captures(head)
        .map(|c| full(c, DateSource::Publication));
    if let Some(c) = title_re().captures(title) {
        // A publication line of the title's year or the next (a 2020年工作
        // 总结 published in January 2021) dates the document more closely.
        let title_year: i32 = c[1].parse().unwrap_or_default();
        if let Some(p) = publication.filter(|p| p.year == title_year || p.year == title_year + 1) {
            return Some(p);
        }
        // A full date in the title (a page's publication date) keeps its
        // month and day.
        let rest = &title[c.get(0).map_or(0, |m| m.end())..];
        return Some(match month_day_re().captures(rest) {
            Some(md) => DocDate {
                month: md[1].parse().ok().filter(|m| (1..=12).contains(m)),
                day: md[2].parse().ok().filter(|d| (1..=31).contains(d)),
                ..year_only(c, DateSource::Title)
            },
            None => year_only(c, DateSource::Title),
        });
    }
    if let Some(p) = publication {
        return Some(p);
    }
    if let Some(date) = page_date.and_then(parse_page_date) {
        return Some(date);
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    file_name_re()
        .captures(name)
        .map(|c| year_only(c, DateSource::FileName))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_of(text: &str, title: &str, path: &str) -> Option<(String, &'static str)> {
        find(text, title, None, path).map(|d| (d.iso(), d.source.as_str()))
    }

    #[test]
    fn a_signature_date_and_a_publication_line_date_a_titled_year() {
        let text = "青山镇2024年上半年工作总结\n一、主要成效\n……\n\n青山镇人民政府\n2024年7月5日\n";
        assert_eq!(
            date_of(text, "青山镇2024年上半年工作总结", "a.txt"),
            Some(("2024-07-05".into(), "dateline"))
        );
        // A publication line of the year after the title's year dates a review.
        let text = "白河区2023年工作总结\n发布时间:2024-01-18 浏览次数:25\n一、…";
        assert_eq!(
            date_of(text, "白河区2023年工作总结", "a.txt"),
            Some(("2024-01-18".into(), "publication"))
        );
        // Years later is another document's date: the title's year stays.
        let text = "白河区2019年工作总结\n发布时间:2024-01-18\n一、…";
        assert_eq!(
            date_of(text, "白河区2019年工作总结", "a.txt"),
            Some(("2019".into(), "title"))
        );
        // A date the text talks about, inside a sentence, is none.
        let text = "青山镇工作总结\n2024年7月5日,全镇召开了大会。\n";
        assert_eq!(date_of(text, "青山镇工作总结", "a.txt"), None);
    }

    #[test]
    fn the_dateline_under_the_title_wins_over_the_title() {
        let text =
            "2023年政府工作报告\n——2024年1月9日在河西区第三届人民代表大会第四次会议上\n各位代表:";
        assert_eq!(
            date_of(text, "2023年政府工作报告", "a.txt"),
            Some(("2024-01-09".into(), "dateline"))
        );
        let text = "政府工作报告\n(2022年2月15日)\n各位代表:";
        assert_eq!(
            date_of(text, "政府工作报告", "a.txt"),
            Some(("2022-02-15".into(), "dateline"))
        );
    }

    #[test]
    fn a_year_in_the_title() {
        let text = "河西区2023年政府工作报告\n各位代表:现在我代表区人民政府报告工作。";
        assert_eq!(
            date_of(text, "河西区2023年政府工作报告", "a.txt"),
            Some(("2023".into(), "title"))
        );
    }

    #[test]
    fn a_publication_line() {
        let text = "全区经济运行情况通报\n发布时间:2024-01-15 来源:区统计局\n一季度全区…";
        assert_eq!(
            date_of(text, "全区经济运行情况通报", "a.txt"),
            Some(("2024-01-15".into(), "publication"))
        );
    }

    #[test]
    fn a_full_date_in_the_title_keeps_month_and_day() {
        let title = "2024年03月05日 河西区召开项目建设推进会";
        assert_eq!(
            date_of(title, title, "a.txt"),
            Some(("2024-03-05".into(), "title"))
        );
    }

    #[test]
    fn a_publication_date_on_the_next_line() {
        let text = "项目建设推进会召开\n发布日期:\n2024-03-05\n3月4日,全区…";
        assert_eq!(
            date_of(text, "项目建设推进会召开", "a.txt"),
            Some(("2024-03-05".into(), "publication"))
        );
    }

    #[test]
    fn a_page_declared_date_comes_after_the_text_and_before_the_file_name() {
        let page = |text: &str, title: &str, declared: &str| {
            find(text, title, Some(declared), "news/hexi_2019_page.html")
                .map(|d| (d.iso(), d.source.as_str()))
        };
        let text = "区政府召开常务会议\n会议研究了项目建设工作。";
        for (declared, iso) in [
            ("2024-01-15 09:30", "2024-01-15"),
            ("2023-02-01T08:00:00+08:00", "2023-02-01"),
            ("2022/3/8", "2022-03-08"),
            ("2021年5月6日", "2021-05-06"),
            ("20200704", "2020-07-04"),
            ("2019-11", "2019-11"),
        ] {
            assert_eq!(
                page(text, "区政府召开常务会议", declared),
                Some((iso.into(), "page_meta")),
                "{declared}"
            );
        }
        // Nonsense declared dates fall through to the file name.
        assert_eq!(
            page(text, "", "yesterday"),
            Some(("2019".into(), "file_name"))
        );
        // What the text says wins over the markup.
        assert_eq!(
            page("发布时间:2024-02-02\n正文", "", "2020-01-01"),
            Some(("2024-02-02".into(), "publication"))
        );
    }

    #[test]
    fn a_year_in_the_file_name_comes_last() {
        assert_eq!(
            date_of(
                "同志们:今天召开全区大会。",
                "",
                "corpus/hexi_2021_speech.txt"
            ),
            Some(("2021".into(), "file_name"))
        );
    }

    #[test]
    fn a_document_without_a_date_has_none() {
        assert_eq!(
            date_of(
                "同志们:今天召开全区大会,今年要新建道路12公里。",
                "",
                "speech.txt"
            ),
            None
        );
    }

    #[test]
    fn a_date_in_running_text_is_no_dateline() {
        let text = "同志们:\n2021年3月5日以来,我区已新建道路12公里。";
        assert_eq!(date_of(text, "", "speech.txt"), None);
    }
}

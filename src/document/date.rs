//! Date: when a document was written or delivered, as far as it says so.
//!
//! The matching view, its title and the file name enter; a [`DocDate`]
//! leaves, with the place it was read from. Sources, strongest first: the
//! dateline under the title (——2023年1月10日在…会议上, (2018年2月3日)),
//! also in a text whose line breaks were lost, or a signature at the end
//! (digits or 二〇〇九年十二月二十八日); a year in the title
//! (2023年政府工作报告), a publication line (发布时间：2024-01-15, read by
//! [`publication_line`] before the view drops it as boilerplate), the date
//! an HTML page declares in its markup (`<meta name="PubDate">`, `<time
//! datetime>`), then a year in the file name (…_2021_…). A news item's
//! body opening with the day of the event (3月6日上午,…召开) gives the
//! publication line's or the title's year that day. Only the head of the
//! document is searched: a date deep in the text is a date the text talks
//! about. Nothing is ever taken from the machine's clock.

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

/// A dateline after a dash inside a line, as in a text whose line breaks
/// were lost (…的报告 ——2015年1月21日在…会议上 各位代表:).
fn inline_dateline_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?:——|—|--)[ \t]*\(?[ \t]*((?:19|20)\d{2})[ \t]*年[ \t]*(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*日[ \t]*(?:\)|在)",
    )
}

/// A publication line: 发布时间 / 发布日期 / 时间 / 日期 and a date
/// written with dashes or with 年月日.
fn publication_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?:发布|发文|成文|更新)?(?:时间|日期)[ \t]*[:：|]?[ \t|\n]*((?:19|20)\d{2})[-/.年][ \t]*(\d{1,2})[-/.月][ \t]*(\d{1,2})",
    )
}

/// A news body's first line opening with the day of the event (3月6日上午,
/// 1月8日,…).
fn event_day_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"^[ \t]*(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*日[ \t]*(?:上午|下午|晚|晚上|[,，、 ])",
    )
}

/// A full date in Chinese numerals (二〇〇九年十二月二十八日), as a
/// signature or a dateline writes it.
fn chinese_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"([〇○零一二三四五六七八九]{4})[ \t]*年[ \t]*([一二三四五六七八九十]{1,3})[ \t]*月[ \t]*([一二三四五六七八九十]{1,3})[ \t]*日",
    )
}

/// `text` with every full date in Chinese numerals written in digits
/// (二〇〇九年十二月二十八日 → 2009年12月28日), so that one set of patterns
/// reads both; borrowed when there is none.
fn with_digit_dates(text: &str) -> std::borrow::Cow<'_, str> {
    fn digit(c: char) -> Option<u32> {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or(match c {
                '○' | '零' => Some(0),
                _ => None,
            })
            .map(|d| d as u32)
    }
    // 一 … 三十一: 十 alone is ten, before a digit it adds ten.
    fn small(s: &str) -> Option<u32> {
        let cs: Vec<char> = s.chars().collect();
        match cs.as_slice() {
            ['十'] => Some(10),
            ['十', u] => Some(10 + digit(*u)?),
            [t, '十'] => Some(10 * digit(*t)?),
            [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
            [u] => digit(*u),
            _ => None,
        }
    }
    chinese_date_re().replace_all(text, |c: &regex::Captures| {
        let year: Option<String> = c[1]
            .chars()
            .map(|d| digit(d).and_then(|d| char::from_digit(d, 10)))
            .collect();
        match (year, small(&c[2]), small(&c[3])) {
            (Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
            _ => c[0].to_string(),
        }
    })
}

/// The date of a publication line (发布时间：2024-01-15) in the head of
/// `text`, the document before boilerplate lines leave its view.
pub fn publication_line(text: &str) -> Option<DocDate> {
    let head = head(text, HEAD);
    publication_re()
        .captures(head)
        .map(|c| full_date(&c, DateSource::Publication))
}

/// The date a pattern captured as year, month and day (groups 1–3); a
/// month or day out of range is left out.
fn full_date(c: &regex::Captures, source: DateSource) -> DocDate {
    DocDate {
        year: c[1].parse().unwrap_or_default(),
        month: c[2].parse().ok().filter(|m| (1..=12).contains(m)),
        day: c[3].parse().ok().filter(|d| (1..=31).contains(d)),
        source,
    }
}

/// The first `len` bytes of `text`, cut at a character boundary.
fn head(text: &str, len: usize) -> &str {
    &text[..crate::chars::floor_char_boundary(text, len)]
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

/// The date of a document: `text` is the view (only its start and end
/// are read), `title` the title structure analysis found, `publication`
/// the [`publication_line`] of the text before cleaning, `page_date` what
/// an HTML page declared in its markup, `path` the file name.
pub fn find(
    text: &str,
    title: &str,
    publication: Option<DocDate>,
    page_date: Option<&str>,
    path: &str,
) -> Option<DocDate> {
    let head = with_digit_dates(head(text, HEAD));
    let head = head.as_ref();
    let year_only = |c: regex::Captures, source| DocDate {
        year: c[1].parse().unwrap_or_default(),
        month: None,
        day: None,
        source,
    };
    if let Some(c) = dateline_re()
        .captures(head)
        .or_else(|| inline_dateline_re().captures(head))
    {
        return Some(full_date(&c, DateSource::Dateline));
    }
    // A speech or report signed at its end (…\n2019年7月8日): a line that
    // is a full date alone, among the last ones.
    let mut tail_start = text.len().saturating_sub(TAIL);
    while !text.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    let tail = with_digit_dates(&text[tail_start..]);
    if let Some(c) = signature_re().captures_iter(&tail).last() {
        return Some(full_date(&c, DateSource::Dateline));
    }
    let event_day = event_day(head, title);
    if let Some(c) = title_re().captures(title) {
        // A publication line of the title's year or the next (a 2020年工作
        // 总结 published in January 2021) dates the document more closely.
        let title_year: i32 = c[1].parse().unwrap_or_default();
        if let Some(p) = publication.filter(|p| p.year == title_year || p.year == title_year + 1) {
            return Some(on_event_day(p, event_day));
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
            None => on_event_day(year_only(c, DateSource::Title), event_day),
        });
    }
    if let Some(p) = publication {
        return Some(on_event_day(p, event_day));
    }
    if let Some(date) = page_date.and_then(parse_page_date) {
        return Some(date);
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    file_name_re()
        .captures(name)
        .map(|c| year_only(c, DateSource::FileName))
}

/// The month and day a news body opens with (3月6日上午,南康区…): the
/// first line after the title, when it starts with them.
fn event_day(head: &str, title: &str) -> Option<(u32, u32)> {
    let body = match head.find(title).filter(|_| !title.is_empty()) {
        Some(at) => &head[at + title.len()..],
        None => head,
    };
    let first = body.lines().find(|l| !l.trim().is_empty())?;
    let c = event_day_re().captures(first)?;
    let month: u32 = c[1].parse().ok().filter(|m| (1..=12).contains(m))?;
    let day: u32 = c[2].parse().ok().filter(|d| (1..=31).contains(d))?;
    Some((month, day))
}

/// `date` on the event's day when the body opens with one that can be its
/// (the same year: not after a publication date, within a month of it; any
/// day of a title's year).
fn on_event_day(date: DocDate, event: Option<(u32, u32)>) -> DocDate {
    let Some((month, day)) = event else {
        return date;
    };
    let fits = match (date.month, date.day) {
        (Some(m), Some(d)) => {
            let (event, published) = (month * 31 + day, m * 31 + d);
            event <= published && published - event <= 31
        }
        (None, _) => true,
        _ => false,
    };
    if !fits {
        return date;
    }
    DocDate {
        month: Some(month),
        day: Some(day),
        ..date
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_of(text: &str, title: &str, path: &str) -> Option<(String, &'static str)> {
        find(text, title, publication_line(text), None, path).map(|d| (d.iso(), d.source.as_str()))
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
            find(
                text,
                title,
                publication_line(text),
                Some(declared),
                "news/hexi_2019_page.html",
            )
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
    fn a_dateline_inside_a_line_whose_breaks_were_lost() {
        let text = "关于青山市2019年计划执行情况的报告 ——2020年1月14日在青山市第五届人民代表大会第三次会议上 青山市发展和改革委员会 各位代表:";
        assert_eq!(
            date_of(text, "", "a.txt"),
            Some(("2020-01-14".into(), "dateline"))
        );
        // A dash before a date in a sentence that is no dateline.
        let text = "全市经济运行情况 一季度以来——2020年1月至3月,全市完成投资…";
        assert_eq!(date_of(text, "全市经济运行情况", "a.txt"), None);
    }

    #[test]
    fn a_signature_in_chinese_numerals() {
        let text = "白沙镇2009年工作总结\n一、…\n\n白沙镇人民政府\n二〇〇九年十二月二十八日\n";
        assert_eq!(
            date_of(text, "白沙镇2009年工作总结", "a.txt"),
            Some(("2009-12-28".into(), "dateline"))
        );
        let text = "工作要点\n一、…\n二○二一年一月十日\n";
        assert_eq!(
            date_of(text, "工作要点", "a.txt"),
            Some(("2021-01-10".into(), "dateline"))
        );
    }

    #[test]
    fn a_news_body_opening_with_the_event_day() {
        // The meeting the day before its page was published.
        let text = "河西区召开2025年经济工作会议\n发布时间:2025-01-09 09:32\n1月8日,中共河西区委经济工作会议召开。";
        let clean = "河西区召开2025年经济工作会议\n1月8日,中共河西区委经济工作会议召开。";
        let title = "河西区召开2025年经济工作会议";
        let found = find(clean, title, publication_line(text), None, "a.txt");
        assert_eq!(
            found.map(|d| (d.iso(), d.source.as_str())),
            Some(("2025-01-08".into(), "publication"))
        );
        // Without a publication line, the title's year gets the day.
        let text =
            "河西区一季度重大项目集中开工\n3月6日上午,河西区2026年第一季度重大项目集中开工。";
        assert_eq!(date_of(text, "河西区一季度重大项目集中开工", "a.txt"), None);
        let text = "河西区2026年第一季度重大项目集中开工\n3月6日上午,全区32个项目集中开工。";
        assert_eq!(
            date_of(text, "河西区2026年第一季度重大项目集中开工", "a.txt"),
            Some(("2026-03-06".into(), "title"))
        );
        // A day after the publication date, or months before it, is
        // another day the text talks about.
        let clean = "河西区召开经济工作会议\n11月8日,全区…";
        let published = "河西区召开经济工作会议\n发布时间:2025-01-09\n";
        assert_eq!(
            find(
                clean,
                "河西区召开经济工作会议",
                publication_line(published),
                None,
                "a.txt"
            )
            .map(|d| d.iso()),
            Some("2025-01-09".into())
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

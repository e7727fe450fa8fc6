//! Figures: numbers that may be figures, with their units.
//!
//! The `figure` rule's patterns find numbers (Arabic, Chinese, mixed,
//! anonymised X, ranges, ratios) in the view; the `unit` rules say what
//! follows them, the `qualifier` rules placed after a unit (以上, 左右) are
//! read here too. What leaves is a list of [`Found`] in text order: value,
//! unit (as written and scaled to its base), qualifier and where the text
//! before the figure ends, for the cue and metric passes.

use regex_automata::util::captures::Captures;

use super::{ends_with_any, TargetExtractor, CLAUSE_END};
use crate::extract::numerals::{parse_any, parse_money};
use crate::model::Qualifier;

/// A figure found in the view, before classification.
/// (Classes are borrowed from the cue sets: copying them into strings for
/// every figure, and again while classifying it, was most of the
/// allocations of this pass.)
pub(super) struct Found<'s> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: Option<f64>,
    pub(super) value_max: Option<f64>,
    pub(super) redacted: bool,
    pub(super) unit: String,
    pub(super) base_value: Option<f64>,
    pub(super) base_unit: String,
    pub(super) qualifier: Qualifier,
    /// Where the text before the figure (metric, change, qualifier) ends.
    pub(super) lead_end: usize,
    pub(super) unit_class: &'s str,
    /// 左右 after the unit: how targets are phrased.
    pub(super) about_after: bool,
}

impl TargetExtractor {
    /// Every figure of `text` outside the vetoed spans, in text order,
    /// without those that only qualify the next one's noun.
    pub(super) fn figures(&self, text: &str, vetoed: &super::nontargets::Vetoed) -> Vec<Found<'_>> {
        // Kept in text order (no two start at the same place: they would
        // overlap), with the union of their spans.
        let mut found: Vec<Found> = Vec::new();
        let mut taken = SpanUnion::default();
        for (re, groups) in self.figure.iter().zip(&self.figure_groups) {
            let mut caps = re.create_captures();
            for whole in re.find_iter(text) {
                let (start, end) = (whole.start(), whole.end());
                // A minus right after a dash is the dash written twice
                // (--2016年1月12日 for ——): the number after it decides.
                let after_dash = text[start..].starts_with('-')
                    && text[..start].ends_with(['-', '—', '–', '－']);
                if taken.overlaps(start, end)
                    || vetoed.covers(start)
                    || (after_dash && vetoed.covers(start + 1))
                {
                    continue;
                }
                // The groups of this match: the anchored search on its span
                // finds the same match (no figure pattern looks around).
                re.search_captures(
                    &regex_automata::Input::new(text)
                        .span(start..end)
                        .anchored(regex_automata::Anchored::Yes),
                    &mut caps,
                );
                let ratio = groups
                    .ratio
                    .and_then(|i| caps.get_group(i))
                    .map(|span| self.ratio(text, Group { text, span }));
                for f in
                    ratio.unwrap_or_else(|| self.figure(text, &caps, groups).into_iter().collect())
                {
                    taken.add(f.start, f.end);
                    let at = found.partition_point(|g| g.start < f.start);
                    found.insert(at, f);
                }
            }
        }
        let unit_once: Vec<Found> = found
            .iter()
            .flat_map(|f| self.list_items_before(text, f, vetoed))
            .collect();
        for f in unit_once {
            let at = found.partition_point(|g| g.start < f.start);
            found.insert(at, f);
        }
        // A figure that only qualifies the noun of the next figure in its
        // clause (年产值达X万元的规上企业X家以上) is part of that metric.
        let attributive: Vec<bool> = found
            .iter()
            .enumerate()
            .map(|(i, f)| {
                // So does a bound right before a noun (10亿元以上项目3个).
                let bound_before_noun = f.about_after
                    && matches!(f.qualifier, Qualifier::AtLeast | Qualifier::AtMost)
                    && text[f.end..]
                        .chars()
                        .next()
                        .is_some_and(|c| crate::chars::is_common_cjk(c) && !"和与及或".contains(c));
                (text[f.end..].starts_with('的') || bound_before_noun)
                    && found.get(i + 1).is_some_and(|next| {
                        let between = &text[f.end..next.start];
                        between.chars().count() <= 16 && !between.contains(CLAUSE_END)
                    })
            })
            .collect();
        found
            .into_iter()
            .zip(attributive)
            .filter(|(_, a)| !a)
            .map(|(f, _)| f)
            .collect()
    }

    /// Whether the number at `at` goes on a Latin word or another number
    /// (PM2.5, X in a word, 6%-7%). GDP19.92亿元 does not: a number right
    /// after a Latin acronym of the metric vocabulary is its figure.
    fn glued_to_latin(&self, text: &str, at: usize, number: &str) -> bool {
        let Some(before) = text[..at].chars().next_back() else {
            return false;
        };
        if before.is_ascii_digit() || before == '.' || before == '%' {
            return true;
        }
        if !before.is_ascii_alphabetic() {
            return false;
        }
        let lead = text[..at].trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !(number.starts_with(|c: char| c.is_ascii_digit())
            && self
                .metrics
                .ending_at(text, at, at - lead.len())
                .is_some_and(|(s, _)| s == lead.len()))
    }

    /// A ratio. Of two parts (粮经比保持在X:X, 3:7) it is one figure
    /// without unit, the quotient (or the first part, when the second is
    /// 100: 性别比104.6:100); of three or more (三次产业结构8.5:41.2:50.3)
    /// each part is its own share figure.
    fn ratio(&self, text: &str, m: Group) -> Vec<Found<'_>> {
        let whole = m.as_str();
        let parts: Vec<(usize, &str)> = whole
            .match_indices(|c: char| !matches!(c, ':' | '：' | '︰' | '∶'))
            .fold(Vec::new(), |mut v: Vec<(usize, &str)>, (i, c)| {
                match v.last_mut() {
                    Some(last) if last.0 + last.1.len() == i => {
                        last.1 = &whole[last.0..i + c.len()];
                    }
                    _ => v.push((i, c)),
                }
                v
            });
        let redacted = whole.contains(is_placeholder);
        let (end, qualifier, about_after) = self.qualifier_after(text, m.end());
        let part = |start: usize, end: usize, value: Option<f64>, class| Found {
            start,
            end,
            value,
            value_max: None,
            redacted,
            unit: String::new(),
            base_value: value,
            base_unit: String::new(),
            qualifier,
            lead_end: start,
            unit_class: class,
            about_after,
        };
        if parts.len() > 2 {
            return parts
                .iter()
                .map(|(i, p)| {
                    let start = m.start() + i;
                    part(start, start + p.len(), parse_any(p), "ratio-part")
                })
                .collect();
        }
        let (l, r) = match parts.as_slice() {
            [l, r] => (l.1, r.1),
            _ => (whole, "1"),
        };
        let value = match (parse_any(l), parse_any(r)) {
            (Some(a), Some(100.0)) => Some(a),
            (Some(a), Some(b)) if b != 0.0 => Some((a / b * 1e6).round() / 1e6),
            _ => None,
        };
        vec![part(m.start(), end, value, "ratio")]
    }

    /// The bare numbers of a 分别 list that writes its unit once, after the
    /// last (分别为0.4、-2.6、1.9个百分点): each is a figure in the unit
    /// of figure `last`, in text order.
    fn list_items_before<'s>(
        &'s self,
        text: &str,
        last: &Found<'s>,
        vetoed: &super::nontargets::Vetoed,
    ) -> Vec<Found<'s>> {
        let is_item_char = |c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | 'X' | 'x');
        let mut items = Vec::new();
        let mut at = last.start;
        while let Some(before) = text[..at].strip_suffix('、') {
            let start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_item_char(*c))
                .last()
                .map_or(before.len(), |(i, _)| i);
            let item = &before[start..];
            let redacted = item.contains(is_placeholder);
            let value = parse_any(item);
            let joined = before[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.');
            if item.is_empty() || joined || vetoed.covers(start) || (value.is_none() && !redacted) {
                break;
            }
            items.push((start, before.len(), value, redacted));
            at = start;
        }
        // Only a list announced as one (分别, 依次) shares its unit: 第1、2、3
        // or a run of codes does not.
        // (A window bounds the look back: a clause without punctuation may
        // run for pages.)
        let mut floor = at.saturating_sub(120);
        while !text.is_char_boundary(floor) {
            floor += 1;
        }
        let clause = &text[super::clause_start(text, floor, at)..at];
        if items.is_empty() || !(clause.contains("分别") || clause.contains("依次")) {
            return Vec::new();
        }
        let (factor, _) = base_of(&last.unit);
        items
            .into_iter()
            .rev()
            .map(|(start, end, value, redacted)| Found {
                start,
                end,
                value,
                value_max: None,
                redacted,
                unit: last.unit.clone(),
                base_value: value.map(|v| v * factor),
                base_unit: last.base_unit.clone(),
                qualifier: Qualifier::Exact,
                lead_end: start,
                unit_class: last.unit_class,
                about_after: false,
            })
            .collect()
    }

    /// A qualifier right after a figure ending at `end` (左右, 以上):
    /// where the figure then ends, its class, and whether one was found;
    /// `exact` when none.
    fn qualifier_after(&self, text: &str, end: usize) -> (usize, Qualifier, bool) {
        match self.qualifiers_after.at(text, end) {
            Some((e, i)) => (e, self.qualifiers_after.qualifier(i), true),
            None => (end, Qualifier::Exact, false),
        }
    }

    /// A sum of money with its 元/圆 and 角/分 (壹拾壹元壹角): the value in 元.
    fn money(&self, text: &str, m: Group) -> Option<Found<'_>> {
        let value = Some(parse_money(m.as_str())?);
        let (end, qualifier, about_after) = self.qualifier_after(text, m.end());
        Some(Found {
            start: m.start(),
            end,
            value,
            value_max: None,
            redacted: false,
            unit: "元".into(),
            base_value: value,
            base_unit: "元".into(),
            qualifier,
            lead_end: m.start(),
            unit_class: "count",
            about_after,
        })
    }

    /// A doubling (翻一番, 翻了两番多): the times the thing grew, 2 to the
    /// power of the count, in 倍.
    fn doubling(&self, text: &str, m: Group) -> Found<'_> {
        let times = match m
            .as_str()
            .trim_start_matches("翻了")
            .trim_start_matches('翻')
            .chars()
            .next()
        {
            Some('两' | '二') => 2,
            Some('三') => 3,
            Some('四') => 4,
            _ => 1,
        };
        let value = Some(f64::from(1u32 << times));
        let (end, qualifier, about_after) = self.qualifier_after(text, m.end());
        let qualifier = if m.as_str().ends_with('多') {
            Qualifier::AtLeast
        } else {
            qualifier
        };
        Found {
            start: m.start(),
            end,
            value,
            value_max: None,
            redacted: false,
            unit: "倍".into(),
            base_value: value,
            base_unit: "倍".into(),
            qualifier,
            lead_end: m.start(),
            unit_class: "doubling",
            about_after,
        }
    }

    /// The unit word starting at `at`, unless the text after it makes it
    /// part of a longer word (项 in 项目).
    /// (PDF text may leave a space before it: 6.5 %.)
    fn unit_at(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        let at = at + (text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len());
        let (end, i) = self.units.at(text, at)?;
        let blockers = self.unit_blockers.get(&self.units.cues[i].rule)?;
        if blockers.iter().any(|b| text[end..].starts_with(b.as_str())) {
            return None;
        }
        Some((end, i))
    }

    /// Reads one figure match: value(s), unit, qualifier after the unit.
    fn figure(&self, text: &str, caps: &Captures, g: &FigureGroups) -> Option<Found<'_>> {
        let group = |i: Option<usize>| {
            i.and_then(|i| caps.get_group(i))
                .map(|s| Group { text, span: s })
        };
        let whole = group(Some(0))?;
        if let Some(money) = group(g.money) {
            return self.money(text, money);
        }
        if let Some(doubling) = group(g.doubling) {
            return Some(self.doubling(text, doubling));
        }
        let a = group(g.a)?;
        let before = text[..whole.start()].chars().next_back();
        if self.glued_to_latin(text, whole.start(), a.as_str()) {
            return None;
        }
        let pct_prefix = group(g.pct).is_some();
        let chinese = a.as_str().chars().all(|c| !c.is_ascii());
        let mult = group(g.am).or(group(g.bm)).map(|m| m.as_str().to_string());
        // (PDF text may space out digits: 1 0 6.)
        let parse = |m: Group| -> Option<f64> {
            parse_any(&crate::extract::without(m.as_str(), char::is_whitespace))
        };
        let redacted = a.as_str().contains(is_placeholder);
        // A Chinese numeral right after 点 is the tail of a decimal, and a
        // numeral that does not parse (十一十二) has no value: no figure.
        if chinese && before == Some('点') {
            return None;
        }
        // Financial capitals come in runs (壹仟贰佰); a lone one after
        // another Han character is part of a word (队伍, 内陆, 收拾).
        if is_lone_capital(a.as_str()) && before.is_some_and(crate::chars::is_common_cjk) {
            return None;
        }
        let mut value = parse(a);
        // 百分之百: a bare 百 after 百分之 is all of it.
        if pct_prefix && value.is_none() && matches!(a.as_str(), "百" | "佰") {
            value = Some(100.0);
        }
        // A bare 百 or 千 before 万 or 亿 is a round magnitude (突破百亿元,
        // 跃上千亿元, 百万人次): one hundred or one thousand of it, when a
        // unit follows (千万不能 is an adverb).
        let magnitude = value.is_none()
            && matches!(a.as_str(), "百" | "千")
            && group(g.am).is_some_and(|m| matches!(m.as_str(), "万" | "亿" | "万亿"));
        if magnitude {
            value = parse_any(&format!("一{}", a.as_str()));
        }
        let mut value_max = group(g.b).and_then(parse);
        if !redacted && (value.is_none() || group(g.b).is_some_and(|_| value_max.is_none())) {
            return None;
        }
        // A Chinese numeral holding 亿 whose lower part ends in 万 (一亿二千
        // 六百万元): the 万 counts the lower part, not the whole; the figure
        // is in 亿 (1.26亿元). Read as 一亿二千六百 times 万 it was 10^4 too
        // large.
        let lower_wan =
            chinese && a.as_str().contains('亿') && group(g.am).is_some() && group(g.b).is_none();
        let mult = match mult.as_deref() {
            Some(m @ ("万" | "千万" | "百万" | "十万")) if lower_wan => {
                value = parse_any(&format!("{}{m}", a.as_str())).map(|v| v / 1e8);
                Some("亿".to_string())
            }
            _ => mult,
        };
        // 千 and 百 after a number scale the number (3千个 = 3000 个); only
        // 万 and 亿 are written into units (万元, 亿元).
        let mult = match mult.as_deref() {
            Some(m @ ("千" | "百")) => {
                let f = if m == "千" { 1000.0 } else { 100.0 };
                value = value.map(|v| v * f);
                value_max = value_max.map(|v| v * f);
                None
            }
            _ => mult,
        };
        let mut end = whole.end();
        let range_pct = group(g.pa).is_some() && group(g.b).is_some();
        let (unit_word, unit_class, unit_end) =
            self.unit_word_after(text, end, pct_prefix, range_pct);
        let (unit, unit_class) = match &mult {
            Some(m) if matches!(unit_class, "count" | "classifier") => {
                (format!("{m}{unit_word}"), unit_class)
            }
            // A bare 万 (XX万无力脱贫人口) counts the noun after it.
            Some(m) if unit_word.is_empty() => (m.clone(), "multiplier"),
            _ => (unit_word.clone(), unit_class),
        };
        // A round magnitude before a noun is a bound in a name (过百亿元企业,
        // 超千万元楼宇), not a figure.
        let noun_after = || {
            let rest = &text[unit_end..];
            rest.chars().next().is_some_and(crate::chars::is_common_cjk)
                && !self
                    .milestone_words
                    .iter()
                    .any(|w| rest.starts_with(w.as_str()))
        };
        let unitless_ratio = unit.is_empty()
            && mult.is_none()
            && !pct_prefix
            && names_a_ratio(text, whole.start(), a.as_str());
        if (unit.is_empty() && !unitless_ratio)
            || (magnitude && (unit_word.is_empty() || noun_after()))
        {
            return None;
        }
        let lead = text[..whole.start()].trim_end();
        if chinese
            && !pct_prefix
            && mult.is_none()
            && unit_class == "classifier"
            && self.numeral_is_wording(text, whole.start(), a.as_str(), &unit_word, unit_end)
        {
            return None;
        }
        // 今后五年, 十五年教育: a Chinese numeral with a time unit names a
        // period, not a figure.
        if chinese && !pct_prefix && unit_class == "time" && self.duration_lead(lead).is_none() {
            return None;
        }
        // 2021年 and 3月 are dates, not durations.
        if unit_class == "time" {
            let v = value.unwrap_or(0.0);
            if (1900.0..=2100.0).contains(&v) || unit_word == "月" {
                return None;
            }
        }
        end = unit_end;
        // An anonymised range (XX至XX人) is a range without numbers.
        let mut qualifier = if group(g.b).is_some() {
            Qualifier::Range
        } else {
            Qualifier::Exact
        };
        if group(g.approx).is_some() || group(g.approx2).is_some() {
            qualifier = Qualifier::AtLeast;
        }
        let mut about_after = false;
        if let Some((e, i)) = self.qualifiers_after.at(text, end) {
            if qualifier == Qualifier::Exact {
                qualifier = self.qualifiers_after.qualifier(i);
                // 左右, 以上, 以内 after a figure are how targets are phrased.
                about_after = true;
            }
            end = e;
        }
        // Normalised value where the unit scales.
        let (factor, base_unit) = base_of(&unit);
        Some(Found {
            start: whole.start(),
            end,
            value,
            value_max,
            redacted,
            base_value: value.map(|v| v * factor),
            base_unit,
            unit,
            qualifier,
            lead_end: whole.start(),
            unit_class,
            about_after,
        })
    }
}

impl TargetExtractor {
    /// The unit of a number ending at `end`: a rate after 百分之 is %,
    /// otherwise the longest unit word right after the number (or the
    /// range's % written once: 6%-7%); a multiplier there takes the counted
    /// unit after it (万 + 人 = 万人). Word, class and where it ends.
    fn unit_word_after(
        &self,
        text: &str,
        end: usize,
        pct_prefix: bool,
        range_pct: bool,
    ) -> (String, &str, usize) {
        let word = |i: usize| {
            self.units.aliases[i]
                .clone()
                .unwrap_or_else(|| self.units.words[i].clone())
        };
        let (unit_word, unit_class, unit_end) = if pct_prefix {
            ("%".to_string(), "rate", end)
        } else if range_pct {
            match self.unit_at(text, end) {
                Some((e, i)) if self.units.words[i] == "%" => ("%".into(), "rate", e),
                _ => ("%".into(), "rate", end),
            }
        } else {
            match self.unit_at(text, end) {
                Some((e, i)) => (word(i), self.units.cues[i].class.as_str(), e),
                None => (String::new(), "", end),
            }
        };
        if unit_class != "multiplier" {
            return (unit_word, unit_class, unit_end);
        }
        match self.unit_at(text, unit_end) {
            Some((e, i)) if matches!(self.units.cues[i].class.as_str(), "count" | "classifier") => {
                (format!("{unit_word}{}", word(i)), "count", e)
            }
            _ => (unit_word, unit_class, unit_end),
        }
    }

    /// A one-character Chinese numeral before a classifier is wording (一个,
    /// 一批, 这三个), not a figure; from two up (or 廿, 卅), after no
    /// demonstrative, it counts (十二个). A frequency after a counting word
    /// counts whatever its numeral (先后三次, 有两次), and so does a numeral
    /// before a counted noun (十件民生实事).
    fn numeral_is_wording(
        &self,
        text: &str,
        start: usize,
        numeral: &str,
        unit_word: &str,
        unit_end: usize,
    ) -> bool {
        let lead = text[..start].trim_end();
        let counted = (unit_word == "次" && ends_with_any(lead, &self.frequency_leads))
            || self
                .counted_nouns
                .iter()
                .any(|n| text[unit_end..].starts_with(n.as_str()));
        if counted {
            return false;
        }
        // 廿 (20) and 卅 (30) are never wording.
        let numeral = numeral.trim_start_matches('负');
        let single = numeral.chars().count() == 1 && !numeral.starts_with(['廿', '卅']);
        // 一 is left out: sayings close clauses with it (干一件成一件).
        if single && numeral != "一" && counts_what_it_follows(lead, unit_word, &text[unit_end..])
        {
            return false;
        }
        single || ends_with_any(&text[..start], &self.demonstratives)
    }
}

/// Whether a one-character numeral and its classifier count the noun
/// before them: they close the clause (新建停车场两个、公厕四座。), where
/// wording runs on to its noun (三所学校, 一批项目, 两个维护). Not a
/// frequency or a kind (通报一次, 分三批, 主要有三类) nor after 有/是/为 or
/// 以下 (问题有三个, 重点是两个), which announce parts rather than count.
fn counts_what_it_follows(lead: &str, unit_word: &str, rest: &str) -> bool {
    const NOT_COUNTS: [&str; 12] = [
        "次", "轮", "遍", "批", "批次", "场次", "种", "类", "方", "层", "星", "张",
    ];
    let closes = rest
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '，' | ',' | '。' | '；' | ';' | '、' | '\n'));
    let noun_before = lead
        .chars()
        .next_back()
        .is_some_and(crate::chars::is_common_cjk)
        && !lead.ends_with(['有', '是', '为', '下']);
    closes && noun_before && !NOT_COUNTS.contains(&unit_word)
}

/// A character that stands for an anonymised digit (X, x, *, _, ×).
pub(crate) fn is_placeholder(c: char) -> bool {
    matches!(c, 'X' | 'x' | '*' | '_' | '×')
}

/// A capture group of a figure match.
#[derive(Clone, Copy)]
struct Group<'t> {
    text: &'t str,
    span: regex_automata::Span,
}

impl<'t> Group<'t> {
    fn start(&self) -> usize {
        self.span.start
    }

    fn end(&self) -> usize {
        self.span.end
    }

    fn as_str(&self) -> &'t str {
        &self.text[self.span.range()]
    }
}

/// A union of spans, as disjoint spans in text order.
#[derive(Default)]
struct SpanUnion(Vec<(usize, usize)>);

impl SpanUnion {
    /// Whether `start..end` overlaps a span of the union.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let i = self.0.partition_point(|s| s.1 <= start);
        self.0.get(i).is_some_and(|s| s.0 < end)
    }

    fn add(&mut self, start: usize, end: usize) {
        let lo = self.0.partition_point(|s| s.1 < start);
        let hi = self.0.partition_point(|s| s.0 <= end);
        let merged = if lo < hi {
            (start.min(self.0[lo].0), end.max(self.0[hi - 1].1))
        } else {
            (start, end)
        };
        self.0.splice(lo..hi, [merged]);
    }
}

/// Indices of the named groups a figure pattern may have.
pub(super) struct FigureGroups {
    ratio: Option<usize>,
    money: Option<usize>,
    doubling: Option<usize>,
    a: Option<usize>,
    pct: Option<usize>,
    am: Option<usize>,
    bm: Option<usize>,
    b: Option<usize>,
    pa: Option<usize>,
    approx: Option<usize>,
    approx2: Option<usize>,
}

impl FigureGroups {
    pub(super) fn new(re: &regex_automata::meta::Regex) -> FigureGroups {
        let index = |name: &str| {
            re.group_info()
                .to_index(regex_automata::PatternID::ZERO, name)
        };
        FigureGroups {
            ratio: index("ratio"),
            money: index("money"),
            doubling: index("doubling"),
            a: index("a"),
            pct: index("pct"),
            am: index("am"),
            bm: index("bm"),
            b: index("b"),
            pa: index("pa"),
            approx: index("approx"),
            approx2: index("approx2"),
        }
    }
}

/// A one-character financial capital numeral (伍, 陆, 拾).
fn is_lone_capital(a: &str) -> bool {
    let mut chars = a.chars();
    matches!(
        (chars.next(), chars.next()),
        (
            Some('壹' | '贰' | '叁' | '肆' | '伍' | '陆' | '柒' | '捌' | '玖' | '拾'),
            None
        )
    )
}

/// Scale of a unit as written: (factor, base unit). 亿元 → (1e8, 元),
/// 万亩 → (1e4, 亩), 两成 → (10, %).
fn base_of(unit: &str) -> (f64, String) {
    for (prefix, factor) in [
        ("万亿", 1e12),
        ("千万", 1e7),
        ("百万", 1e6),
        ("十万", 1e5),
        ("万", 1e4),
        ("亿", 1e8),
    ] {
        if let Some(base) = unit.strip_prefix(prefix) {
            return (factor, base.to_string());
        }
    }
    match unit {
        "成" => (10.0, "%".into()),
        "‰" => (0.1, "%".into()),
        _ => (1.0, unit.to_string()),
    }
}

/// Whether decimal `number` at `at` is the value of a ratio its clause
/// names before it (城乡居民收入比为2.16, 城乡收入比由2.71缩小到2.42, 收入倍差
/// 缩小至2.3): a figure without unit. A comparison (比上年, 比重) names none.
fn names_a_ratio(text: &str, at: usize, number: &str) -> bool {
    static RATIO: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let ratio = RATIO.get_or_init(|| {
        regex::Regex::new(
            r"(?:收入比|比值|倍差|[口民]比)(?:为|是|由|从|缩小|下降|降|调整|保持|扩大|稳定|控制)",
        )
        .expect("ratio cue compiles")
    });
    let small_decimal =
        number.contains('.') && number.parse::<f64>().is_ok_and(|v| v > 0.0 && v < 100.0);
    if !small_decimal {
        return false;
    }
    let clause_from = text[..at]
        .rfind([',', '，', ';', '；', '。', '\n'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    ratio.is_match(&text[clause_from..at])
}

#[cfg(test)]
mod tests {
    use super::super::tests::{lines_of, targets_of};
    use super::*;
    use crate::model::Target;

    #[test]
    fn a_date_after_a_doubled_ascii_dash_is_no_figure() {
        for line in [
            "--2016年1月12日在青河乡第十届人民代表大会第三次会议上",
            "——2016年1月12日在青河乡第十届人民代表大会第三次会议上",
        ] {
            let text = format!("青河乡政府工作报告\n{line}\n各位代表:今年全乡新建村道12公里。\n");
            assert_eq!(lines_of(&text).len(), 1, "{line}: {:?}", lines_of(&text));
        }
        // A sign after a single dash or a word still counts.
        assert_eq!(targets_of("利润增速为-3.2%。")[0].figures.value, Some(3.2));
    }

    #[test]
    fn a_growth_figure_with_zuoyou_is_about() {
        let found = targets_of("今年全区地区生产总值增长6.5%左右。");
        assert_eq!(found.len(), 1);
        let t = &found[0];
        assert_eq!((t.figures.value, t.figures.unit.as_str()), (Some(6.5), "%"));
        assert_eq!(t.figures.value_text, "6.5%左右");
        assert_eq!(t.figures.qualifier, Qualifier::About);
    }

    #[test]
    fn an_at_least_figure_with_yishang_scales_its_unit() {
        let found = targets_of("去年全区村级集体经济收入达到15万元以上。");
        let t = &found[0];
        assert_eq!(t.figures.qualifier, Qualifier::AtLeast);
        assert_eq!(
            (t.figures.unit.as_str(), t.figures.base_unit.as_str()),
            ("万元", "元")
        );
        assert_eq!(t.figures.base_value, Some(150_000.0));
    }

    #[test]
    fn a_one_character_numeral_or_a_demonstrative_before_a_classifier_is_wording() {
        assert!(targets_of("我们新建了三所学校。").is_empty());
        assert!(targets_of("这十二所学校均已开工。").is_empty());
        // Closing its clause after the noun, it counts it; not a
        // frequency, nor parts announced after 有.
        assert_eq!(
            lines_of("今年新建停车场两个、公厕四座。"),
            [
                "新建停车场 | 两个 | 个 | level | exact | actual",
                "公厕 | 四座 | 座 | level | exact | actual"
            ]
        );
        assert!(targets_of("全年通报一次,存在的问题主要有三个。").is_empty());
        assert!(targets_of("要干一件成一件。").is_empty());
        assert_eq!(
            lines_of("今年开工建设十二所学校。"),
            ["学校 | 十二所 | 所 | level | exact | actual"]
        );
    }

    #[test]
    fn placeholders_in_every_form_are_anonymised_figures() {
        for text in [
            "全镇税收收入X亿元。",
            "全镇税收收入XX亿元。",
            "全镇税收收入X.X亿元。",
            "全镇税收收入x亿元。",
            "全镇税收收入xx.x亿元。",
            "全镇税收收入*亿元。",
            "全镇税收收入**亿元。",
            "全镇税收收入__亿元。",
            "全镇税收收入××亿元。",
        ] {
            let found = targets_of(text);
            assert_eq!(found.len(), 1, "{text}");
            let t = &found[0];
            assert!(t.figures.redacted && t.figures.value.is_none(), "{text}");
            assert_eq!(
                (t.figures.metric.as_str(), t.figures.unit.as_str()),
                ("税收收入", "亿元")
            );
            assert_eq!(t.figures.signed_value, None);
        }
        // x as a month or inside a Latin word is no figure.
        assert!(targets_of("x月份各项工作有序推进。").is_empty());
    }

    #[test]
    fn a_pdf_spaced_copy_gives_the_same_targets() {
        let clean = "今年新建学校12所,完成固定资产投资106亿元,增长6.5%。";
        let spaced = "今年新建学校 1 2 所,完成固定资产投资 1 0 6 亿 元,增长 6.5 %。";
        let strip = |t: &Target| {
            let f = &t.figures;
            (f.metric.clone(), f.value, f.unit.clone(), f.change)
        };
        let a: Vec<_> = targets_of(clean).iter().map(strip).collect();
        let b: Vec<_> = targets_of(spaced).iter().map(strip).collect();
        assert_eq!(a.len(), 3);
        assert_eq!(a, b);
    }

    #[test]
    fn a_ratio_named_before_its_value_is_a_figure_without_unit() {
        let lines = lines_of("全县城乡居民收入比由上年的2.20缩小为2.17。城乡收入倍差缩小至1.9。");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("城乡居民收入比 | 2.17 |")),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l.contains("| 1.9 |")), "{lines:?}");
        // A number without unit after a comparison names no ratio.
        assert!(lines_of("全县森林覆盖率比上年提高2.5。").is_empty());
    }

    #[test]
    fn a_ratio_of_three_parts_is_one_share_per_part() {
        assert_eq!(
            lines_of("全县三次产业结构调整为12.1:40.5:47.4。"),
            [
                "三次产业结构 | 12.1 |  | share | exact | actual",
                "三次产业结构 | 40.5 |  | share | exact | actual",
                "三次产业结构 | 47.4 |  | share | exact | actual",
            ]
        );
    }

    #[test]
    fn units_scale_to_their_base() {
        assert_eq!(base_of("亿元"), (1e8, "元".to_string()));
        assert_eq!(base_of("万亩"), (1e4, "亩".to_string()));
        assert_eq!(base_of("成"), (10.0, "%".to_string()));
        assert_eq!(base_of("所"), (1.0, "所".to_string()));
    }

    #[test]
    fn spans_merge_into_a_union() {
        let mut taken = SpanUnion::default();
        taken.add(10, 14);
        taken.add(2, 5);
        taken.add(5, 10);
        assert_eq!(taken.0, [(2, 14)]);
        assert!(taken.overlaps(13, 20));
        assert!(!taken.overlaps(14, 20));
    }
}

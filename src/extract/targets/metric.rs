//! Metric: the noun phrase a figure measures.
//!
//! For each figure the metric is, in this order: the action a duration
//! times (用三年时间建成… → 建成…用时), the action a frequency counts, the
//! noun after a classifier (XX所学校), or the noun phrase before the figure
//! in its clause, cut at comparisons, trimmed of lead and tail words
//! (vocabulary lists `metric_lead`, `metric_tail`) and mapped through the
//! `metric` rules' aliases. The figure, its [`Cues`] and the targets found
//! before it in the document enter; the metric leaves as a string (and a
//! change of class when the metric shows the figure is a share).

use aho_corasick::{Anchored, Input};

use super::cues::Cues;
use super::figure::Found;
use super::{clause_start, ends_with_any, Around, TargetExtractor, CLAUSE_END};
use crate::model::{Change, Target};

impl TargetExtractor {
    /// The metric of figure `f`; may set `cues.change` to share.
    pub(super) fn figure_metric(
        &self,
        around: &Around,
        f: &Found,
        cues: &mut Cues,
        duration: Option<Duration>,
        out: &[Target],
    ) -> String {
        let (text, sent_start, sent_end) = (around.text, around.sent_start, around.sent_end);
        let prev_in_sentence = out
            .iter()
            .rev()
            .find(|t| t.view_span.0 >= sent_start && t.view_span.1 <= f.start)
            .or_else(|| joined_by_semicolon(text, sent_start, out));
        let mut metric = match duration {
            // 用3年时间建成…: the time the action after it takes.
            Some(_) => self
                .clause_after(text, self.skip_time_words(text, f.end), sent_end)
                .map(|action| format!("{action}用时")),
            // 先后四次到我区调研: how often the action after it happened.
            None if f.unit == "次" => {
                let at = f.end
                    + if text[f.end..].starts_with('是') {
                        '是'.len_utf8()
                    } else {
                        0
                    };
                self.clause_after(text, at, sent_end)
            }
            // 总投资X亿元的…项目: the figure is the project's investment.
            None if text[..cues.lead_end].trim_end().ends_with("投资") => None,
            // Chinese puts the counted noun after a classifier (这X个项目,
            // XX所学校): that noun, when there is one, is the metric.
            None => self
                .noun_after(text, f.end, f.unit_class)
                .map(|noun| self.with_result(text, f.end, sent_end, noun)),
        }
        .unwrap_or_else(|| {
            self.metric(
                text,
                sent_start,
                cues.lead_end,
                prev_in_sentence.map(|t| t.figures.metric.as_str()),
                prev_in_sentence.map(|t| t.view_span.1),
            )
        });
        // 完成全年投资计划的96%: a share of a plan or task measures the
        // subject's progress, named by the figure before it.
        if f.unit == "%"
            && text[..cues.lead_end].trim_end().ends_with('的')
            && ends_with_any(&metric, &self.generic_metrics)
        {
            if let Some(previous) = prev_in_sentence {
                metric = previous.figures.metric.clone();
            }
        }
        if metric.is_empty() {
            // 85%以上的行政村实现通客车: the share of what follows.
            if f.unit == "%" && text[f.end..].starts_with('的') {
                if let Some(whole) = self.clause_after(text, f.end + '的'.len_utf8(), sent_end) {
                    metric = whole;
                    cues.change = Change::Share;
                }
            } else if f.unit == "%" && cues.change == Change::Growth {
                // 全区经济稳中向好,…而且增长6.2%.
                metric = self
                    .subject_before(text, sent_start, cues.clause_from)
                    .unwrap_or_default();
            }
        }
        // 地区生产总值保持…,年均增速达4.25%: a bare rate (增速, 这个增速)
        // is the rate of the subject of the clause before.
        if is_bare_rate(&metric) {
            if let Some(subject) = self.subject_before(text, sent_start, cues.clause_from) {
                metric = if cues.change == Change::Difference {
                    format!("{subject}增速")
                } else {
                    subject
                };
            }
        }
        // 食品烟酒类上涨1.1% after prices are named: a category's price.
        if metric.ends_with('类') && f.unit == "%" && prices_named(text, sent_start, f.start) {
            metric.push_str("价格");
        }
        // (国家级X家、省级X家) after a noun phrase: the level names a part of it.
        if metric.ends_with('级') && metric.chars().count() <= 4 {
            if let Some(whole) = self.level_whole(text, sent_start, f.start, out) {
                metric.push_str(&whole);
            }
        }
        metric
    }

    /// The metric: the noun phrase before the figure, inside its clause.
    fn metric(
        &self,
        text: &str,
        sent_start: usize,
        lead_end: usize,
        previous: Option<&str>,
        previous_end: Option<usize>,
    ) -> String {
        let mut start = clause_start_over_asides(text, sent_start, lead_end);
        if let Some(pe) = previous_end.filter(|pe| *pe > start && *pe <= lead_end) {
            start = pe;
        }
        let unquoted = without_asides(&text[start..lead_end]);
        let unquoted = crate::extract::without(&unquoted, |c| matches!(c, '“' | '”' | '"'));
        // Years and deadlines are the target's time, not its metric.
        // (Every year match holds 年: without one there is nothing to remove.)
        // A year compared against (比2020年翻一番) goes with its 比.
        let unquoted = if unquoted.contains('年') {
            let compared = self
                .year
                .find_iter(&unquoted)
                .any(|m| unquoted[..m.start()].ends_with(['比', '较']));
            let removed = self.year.replace_all(&unquoted, "").into_owned();
            match removed.strip_suffix(['比', '较']) {
                Some(rest) if compared => rest.to_string(),
                _ => removed,
            }
        } else {
            unquoted
        };
        // A share names its whole after 占, a difference its baseline after
        // 高于/低于: the metric is what comes before.
        let cut = self.comparison_cuts.first(&unquoted);
        let unquoted = match cut.or_else(|| comparison_bi(&unquoted)) {
            Some(i) => unquoted[..i].to_string(),
            None => unquoted,
        };
        let unconditioned = self.without_conditions(without_span_lead(unquoted.trim()));
        let untrimmed = unconditioned.trim();
        let mut phrase = self.trim_metric(untrimmed);
        // Lead words never cut into a known metric (到位资金 is not 到 +
        // 位资金): when trimming ate the start of the metric the phrase
        // ends with, the metric is whole again.
        if let Some((s, _)) = self
            .metrics
            .ending_at(untrimmed, untrimmed.len(), untrimmed.len())
        {
            let known = &untrimmed[s..];
            if phrase.len() < known.len() && known.ends_with(phrase) && !phrase.is_empty() {
                phrase = known;
            }
        }
        // A phrase that opens with a comparison (高于与上级会商目标…) compares
        // as a whole: a function word inside it must not cut it into a
        // metric first, nor the whole a share is of (占GDP比重) make it
        // that whole's figure.
        let compares = |phrase: &str| {
            self.comparison_leads
                .iter()
                .chain(&self.comparison_cuts.words)
                .any(|w| phrase.starts_with(w.as_str()))
        };
        if compares(phrase) {
            // 数字经济加快发展,占GDP比重达到9.8%: else the clause before
            // names the part.
            if let Some(metric) = previous.map(str::to_string).or_else(|| {
                self.changed_subject(text, sent_start, start, previous_end)
                    .or_else(|| self.subject_before(text, sent_start, start))
            }) {
                return metric;
            }
        }
        // A phrase ending in a known metric is that metric (全镇预计完成生产总值
        // → 生产总值); one that goes on after it names something else
        // (单位地区生产总值能耗) and stays whole.
        // A modifier right before it (人均生产总值, 规上企业生产总值) is part
        // of the name: then the phrase stays whole.
        if let Some((s, _)) = self.metrics.ending_at(phrase, phrase.len(), phrase.len()) {
            if !ends_with_any(&phrase[..s], &self.metric_modifiers) {
                phrase = &phrase[s..];
            }
        }
        if compares(phrase) {
            return previous.unwrap_or_default().to_string();
        }
        // Otherwise the metric starts after the last function word or work
        // verb inside it (下半年要新开工亿元以上项目 → 新开工亿元以上项目).
        if let Some(cut) = self.last_break(phrase) {
            phrase = self.trim_metric(&phrase[cut..]);
        }
        // Comparisons (较一季度, 高于全市平均) and empty phrases take the
        // metric of the previous figure in the same sentence.
        // A time alone (两年平均增长1.8%) names nothing, even with no figure
        // before it.
        if is_time_only(phrase) {
            return previous.unwrap_or_default().to_string();
        }
        // A tail word alone (达 of 达到178亿元; trimming keeps it, as it
        // would leave nothing) names nothing. (A lead word alone is
        // trimmed away already.)
        if self.metric_tail.iter().any(|w| w == phrase) {
            phrase = "";
        }
        let generic = self.generic_metrics.iter().any(|g| g == phrase);
        if phrase.is_empty() {
            // 建材产业负增长,下降9.7%: the clause before, with no figure of
            // its own, names the subject of the change.
            if let Some(subject) = self.changed_subject(text, sent_start, start, previous_end) {
                return subject;
            }
        }
        if phrase.is_empty() || compares(phrase) || generic || phrase.chars().count() < 2 {
            return previous.unwrap_or(phrase).to_string();
        }
        // 由A增加到B: a change verb is no metric; B measures what A does.
        if self
            .change_word_at(phrase)
            .is_some_and(|e| e == phrase.len())
        {
            return previous.unwrap_or_default().to_string();
        }
        let phrase = self.without_infixes(keep_end(phrase));
        // Aliases of the metric vocabulary (GDP → 地区生产总值).
        match self
            .metrics
            .ac
            .as_ref()
            .and_then(|ac| ac.find(Input::new(&phrase).anchored(Anchored::Yes)))
        {
            Some(m) if m.end() == phrase.len() => self.metrics.aliases[m.pattern().as_usize()]
                .clone()
                .unwrap_or(phrase),
            _ => phrase,
        }
    }

    /// The phrase without the words that are no part of what it counts
    /// (vocabulary list `metric_infixes`): a light verb between a scope and
    /// its count (开发区实现工业总产值 → 开发区工业总产值), a quantifier
    /// (调解各类矛盾纠纷 → 调解矛盾纠纷), all found in one scan. Each side must keep two
    /// characters, and a kept word opening with the infix (完成投资) stays.
    pub(super) fn without_infixes(&self, phrase: String) -> String {
        let Some(ac) = &self.metric_infixes else {
            return phrase;
        };
        let dropped: Vec<(usize, usize)> = ac
            .find_iter(&phrase)
            .map(|m| (m.start(), m.end()))
            .filter(|&(i, after)| {
                // 各级各类学校: a quantifier after another is one term with it.
                let paired = phrase[..i].chars().rev().nth(1) == Some('各');
                phrase[..i].chars().count() >= 2
                    && phrase[after..].chars().count() >= 2
                    && !paired
                    && self.without_lead(&phrase[i..], &phrase[i..after]).is_some()
            })
            .collect();
        if dropped.is_empty() {
            return phrase;
        }
        let mut kept = String::with_capacity(phrase.len());
        let mut from = 0;
        for (i, after) in dropped {
            kept.push_str(&phrase[from..i]);
            from = after;
        }
        kept.push_str(&phrase[from..]);
        kept
    }

    /// The subject of the clause that ends right before `clause_from` when
    /// that clause holds no figure (none ends after its start) and ends
    /// with a change word (建材产业负增长, 出口明显回落): what the bare
    /// figure after it measures.
    fn changed_subject(
        &self,
        text: &str,
        sent_start: usize,
        clause_from: usize,
        previous_end: Option<usize>,
    ) -> Option<String> {
        let delim = text[sent_start..clause_from]
            .char_indices()
            .next_back()
            .filter(|(_, c)| CLAUSE_END.contains(c))
            .map(|(i, _)| sent_start + i)?;
        let from = clause_start(text, sent_start, delim);
        if previous_end.is_some_and(|e| e > from) {
            return None;
        }
        let clause = text[from..delim].trim();
        let word = self
            .decrease_words
            .iter()
            .chain(&self.increase_words)
            .filter(|w| w.chars().count() >= 2 && clause.ends_with(w.as_str()))
            .max_by_key(|w| w.len())?;
        let subject = self.trim_metric(&clause[..clause.len() - word.len()]);
        (subject.chars().count() >= 2 && !subject.chars().any(|c| c.is_ascii_digit()))
            .then(|| subject.to_string())
    }

    /// The phrase without the conditions it states (受春旱影响, 按可比价
    ///计算, 扣除一次性因素后: vocabulary list metric_conditions), each cut
    /// from its open word to its close word.
    fn without_conditions<'p>(&self, phrase: &'p str) -> std::borrow::Cow<'p, str> {
        let mut out = std::borrow::Cow::Borrowed(phrase);
        // A phrase holds few conditions: a handful of rounds at most.
        for _ in 0..3 {
            let Some((from, to)) = self.condition_in(&out) else {
                break;
            };
            let mut cut = String::with_capacity(out.len());
            cut.push_str(&out[..from]);
            cut.push_str(&out[to..]);
            out = std::borrow::Cow::Owned(cut);
        }
        out
    }

    /// The first condition frame in `phrase`, as (start, end).
    fn condition_in(&self, phrase: &str) -> Option<(usize, usize)> {
        const CLOSE_WITHIN: usize = 16;
        for (open, close) in &self.metric_conditions {
            for (i, _) in phrase.match_indices(open.as_str()) {
                // 享受, 接受, 感受 …: the open word inside another word.
                let before = phrase[..i].chars().next_back();
                if before.is_some_and(|c| "享接感承忍蒙遭难".contains(c)) {
                    continue;
                }
                let rest = &phrase[i + open.len()..];
                let Some(k) = rest.find(close.as_str()) else {
                    continue;
                };
                if k > 0 && rest[..k].chars().count() <= CLOSE_WITHIN {
                    return Some((i, i + open.len() + k + close.len()));
                }
            }
        }
        None
    }

    /// After a duration, the words that only say it is time (的时间, 的努力):
    /// where the action it times starts.
    fn skip_time_words(&self, text: &str, at: usize) -> usize {
        self.duration_fillers
            .iter()
            .find(|w| text[at..].starts_with(w.as_str()))
            .map_or(at, |w| at + w.len())
    }

    /// Whether `before` (the text before a duration) ends with a word that
    /// makes the duration the time an action takes.
    pub(super) fn duration_lead(&self, before: &str) -> Option<Duration> {
        if ends_with_any(before, &self.duration_leads_done) {
            Some(Duration::Done)
        } else if ends_with_any(before, &self.duration_leads) {
            Some(Duration::Planned)
        } else {
            None
        }
    }

    /// The clause from `at` to the next clause end, without quotes and
    /// without the 的 of "X的Y" (目的 keeps it), lead words stripped; None
    /// when less than two characters remain.
    fn clause_after(&self, text: &str, at: usize, sent_end: usize) -> Option<String> {
        let rest = text[at..sent_end.max(at)]
            .trim_start_matches(|c: char| c.is_whitespace() || CLAUSE_END.contains(&c));
        let end = rest.find(CLAUSE_END).unwrap_or(rest.len());
        let mut clause = String::new();
        for c in rest[..end].chars() {
            if matches!(c, '“' | '”' | '"')
                || c.is_whitespace()
                || (c == '的' && !clause.ends_with('目'))
            {
                continue;
            }
            clause.push(c);
        }
        // Only the lead: the end of a clause is its head (签约, 更新), where
        // the tail list would cut 约 and 新.
        let mut clause = clause.as_str();
        loop {
            let stripped = self.strip_leads(clause);
            if stripped == clause {
                break;
            }
            clause = stripped;
        }
        (clause.chars().count() >= 2).then(|| keep_end(clause))
    }

    /// XX个行政村全部建成示范村: a counted noun followed by 均/全部 and a
    /// result verb is counted for that result, so the metric is the noun
    /// with its predicate.
    fn with_result(&self, text: &str, at: usize, sent_end: usize, noun: String) -> String {
        let Some(i) = text[at..sent_end.max(at)].find(noun.as_str()) else {
            return noun;
        };
        let rest = &text[at + i + noun.len()..sent_end];
        let Some(rest) = self
            .result_leads
            .iter()
            .find_map(|w| rest.strip_prefix(w.as_str()))
        else {
            return noun;
        };
        if !self
            .result_verbs
            .iter()
            .any(|v| rest.starts_with(v.as_str()))
        {
            return noun;
        }
        let end = rest.find(CLAUSE_END).unwrap_or(rest.len());
        let predicate: String = rest[..end]
            .chars()
            .filter(|c| !matches!(c, '“' | '”' | '"') && !c.is_whitespace())
            .collect();
        format!("{noun}{predicate}")
    }

    /// The subject of the nearest earlier clause of the sentence that has
    /// one before a predicate (全区经济稳中向好 → 经济), for a growth figure
    /// whose own clause names none.
    fn subject_before(&self, text: &str, sent_start: usize, clause_from: usize) -> Option<String> {
        let mut end = clause_from;
        while end > sent_start {
            // `end` follows a clause end; the clause before it ends there.
            let delim = text[..end].char_indices().next_back()?.0;
            let from = clause_start(text, sent_start, delim);
            let clause = text[from..delim].trim();
            let predicate = self
                .subject_predicates
                .iter()
                .filter_map(|w| clause.find(w.as_str()))
                .filter(|i| clause[..*i].chars().count() >= 2)
                .min();
            if let Some(i) = predicate {
                let subject = self.trim_metric(&clause[..i]);
                if subject.chars().count() >= 2 {
                    return Some(subject.to_string());
                }
            }
            end = from;
        }
        None
    }

    /// Strips lead and tail words until none is left.
    pub(super) fn trim_metric<'p>(&self, mut phrase: &'p str) -> &'p str {
        loop {
            let before = phrase;
            // Each list in its order, skipping the words whose last (first)
            // character is not the phrase's: they cannot match. (Empty
            // words never change a phrase.)
            let mut k = 0;
            while let Some(j) = phrase
                .chars()
                .next_back()
                .and_then(|c| self.tail_index.next(c, k))
            {
                if let Some(p) = phrase.strip_suffix(self.metric_tail[j].as_str()) {
                    if !p.is_empty() {
                        phrase = p;
                    }
                }
                k = j + 1;
            }
            phrase = self.strip_leads(phrase).trim();
            if phrase == before {
                return phrase;
            }
        }
    }

    /// The lead words off the phrase's start, longest first at each
    /// place (力争年底前新建… loses 力争, then 年底前, not 年底), skipping
    /// those whose first character is not the phrase's.
    fn strip_leads<'p>(&self, mut phrase: &'p str) -> &'p str {
        let mut k = 0;
        while let Some(j) = phrase
            .chars()
            .next()
            .and_then(|c| self.lead_index.next(c, k))
        {
            match self.without_lead(phrase, &self.metric_lead[j]) {
                // After a strip the next lead is looked for among all of
                // them again: the list runs longest first.
                Some(p) => {
                    phrase = p;
                    k = 0;
                }
                None => k = j + 1,
            }
        }
        phrase
    }

    /// The phrase without `lead` at its start, unless the lead is the
    /// first character of a word that opens the phrase (就业岗位 keeps 就).
    pub(super) fn without_lead<'p>(&self, phrase: &'p str, lead: &str) -> Option<&'p str> {
        let rest = phrase.strip_prefix(lead)?;
        let bound = self
            .metric_lead_kept
            .iter()
            .any(|w| w.len() > lead.len() && w.starts_with(lead) && phrase.starts_with(w.as_str()));
        (!bound).then_some(rest)
    }

    /// Whether the stop word `word` at byte `at` of `phrase` is part of a
    /// word that holds it (财政自给率: 给 in 自给 is no break).
    fn inside_compound(&self, phrase: &str, at: usize, word: &str) -> bool {
        crate::rules::compounds_around(&self.metric_break_compounds, phrase, at + word.len())
            .any(|(p, _)| p <= at)
    }

    /// Byte offset just after the last stop word or work verb inside a
    /// metric phrase, if at least two characters follow it.
    fn last_break(&self, phrase: &str) -> Option<usize> {
        // Each word counts at its last occurrence only (as `rfind` finds
        // it); one pass finds every occurrence of every word. (An empty
        // word never counts: nothing follows its last occurrence.)
        let ac = self.metric_breaks_ac.as_ref()?;
        // (word, its last start), for the few words that occur: a slot
        // for every word cost an allocation and a pass over the list.
        let mut last: Vec<(usize, usize)> = Vec::new();
        for m in ac.find_overlapping_iter(phrase) {
            let word = m.pattern().as_usize();
            match last.iter_mut().find(|(w, _)| *w == word) {
                Some(slot) => slot.1 = slot.1.max(m.start()),
                None => last.push((word, m.start())),
            }
        }
        let mut best: Option<usize> = None;
        for (w, i) in last {
            let after = i + self.metric_breaks[w].len();
            if i > 0
                && phrase[after..].chars().count() >= 2
                && best.is_none_or(|b| after > b)
                && self
                    .without_lead(&phrase[i..], &self.metric_breaks[w])
                    .is_some()
                && !self.inside_compound(phrase, i, &self.metric_breaks[w])
            {
                best = Some(after);
            }
        }
        best
    }

    /// Status from the nearest cue before the figure in its sentence, then
    /// The noun right after a counted unit (XX所学校的建设 → 学校), cut at
    /// the first function word, work verb or punctuation.
    fn noun_after(&self, text: &str, at: usize, unit_class: &str) -> Option<String> {
        if !matches!(unit_class, "classifier" | "count" | "multiplier" | "time") {
            return None;
        }
        let mut rest = &text[at..];
        // A copula between figure and noun (其余X个均为新建项目).
        for copula in &self.noun_copulas {
            if let Some(r) = rest.strip_prefix(copula.as_str()) {
                rest = r;
                break;
            }
        }
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            if !is_han(c) || i >= 48 {
                break;
            }
            // A level (省级, 国家级) modifies the noun after it: 省级重点项目
            // is one noun, though 重点 alone may be an adverb.
            if i > 0
                && !rest[..i].ends_with('级')
                && self
                    .noun_breaks
                    .find(Input::new(rest).range(i..).anchored(Anchored::Yes))
                    .is_some()
            {
                break;
            }
            end = i + c.len_utf8();
        }
        let noun = rest[..end].trim_end_matches("之一");
        if unit_class == "time" && (noun.starts_with("时间") || noun.starts_with("时")) {
            return None;
        }
        let starts_badly = self
            .noun_stops
            .iter()
            .any(|w| noun.starts_with(w.as_str()) && w != "为")
            || self
                .milestone_words
                .iter()
                .any(|w| noun.starts_with(w.as_str()))
            || self.change_word_at(noun).is_some();
        (noun.chars().count() >= 2 && !starts_badly).then(|| noun.to_string())
    }
}

impl TargetExtractor {
    /// Where a change word (增长, 增加, 提高到, 下降 …) that starts `phrase`
    /// ends, if one does.
    fn change_word_at(&self, phrase: &str) -> Option<usize> {
        let cue = self.changes.at(phrase, 0).map(|(e, _)| e);
        let word = self
            .increase_words
            .iter()
            .chain(&self.decrease_words)
            .filter(|w| w.chars().count() >= 2 && phrase.starts_with(w.as_str()))
            .map(String::len)
            .max();
        let end = cue.max(word)?;
        // 提高到, 增加至: the 到 is the change's too.
        Some(
            ["到", "至"]
                .iter()
                .find(|w| phrase[end..].starts_with(**w))
                .map_or(end, |w| end + w.len()),
        )
    }
}

/// Where 比 starts a comparison of size inside a metric phrase (增速比全国
/// 低, 增加值比全区分别低): the metric is what comes before it. 比重, 比例,
/// 比率, 同比, 环比 and 对比 name no baseline.
fn comparison_bi(phrase: &str) -> Option<usize> {
    phrase.match_indices('比').map(|(i, _)| i).find(|&i| {
        let before = phrase[..i].chars().next_back();
        let rest = &phrase[i + '比'.len_utf8()..];
        i > 0
            && !matches!(before, Some('同' | '环' | '对' | '占'))
            && !rest.starts_with(['重', '例', '率', '值'])
            && rest.chars().take(10).any(|c| {
                matches!(
                    c,
                    '低' | '高' | '快' | '慢' | '多' | '少' | '窄' | '宽' | '缩' | '扩'
                )
            })
    })
}

/// The last figure of the sentence before `sent_start` when a semicolon
/// joins the two (生产总值下降3.2%；与上年相比,两年平均增长1.8%): one
/// statement, whose later clauses measure what the first named.
fn joined_by_semicolon<'t>(text: &str, sent_start: usize, out: &'t [Target]) -> Option<&'t Target> {
    if !text[..sent_start].trim_end().ends_with([';', '；']) {
        return None;
    }
    let last = out.iter().rev().find(|t| t.view_span.1 <= sent_start)?;
    let between = &text[last.view_span.1..sent_start];
    (!between.contains(['。', '\n', '！', '？', '!', '?'])).then_some(last)
}

/// A phrase without the span of time it opens with (近5年来累计完成投资 →
/// 累计完成投资): the span says over how long, not what is counted.
fn without_span_lead(phrase: &str) -> &str {
    let rest = ["近", "过去", "这"]
        .iter()
        .find_map(|p| phrase.strip_prefix(p))
        .unwrap_or(phrase);
    let counted = rest
        .trim_start_matches(|c: char| c.is_ascii_digit() || "X一二两三四五六七八九十".contains(c));
    if counted.len() == rest.len() {
        return phrase;
    }
    let counted = counted.strip_prefix('个').unwrap_or(counted);
    ["年", "月", "季度"]
        .iter()
        .find_map(|u| counted.strip_prefix(u))
        .and_then(|r| r.strip_prefix("以来").or_else(|| r.strip_prefix('来')))
        .unwrap_or(phrase)
}

/// A phrase that only says when or over how long (两年, 四季度, 前X个月,
/// 近三年来, 上半年): a time, never what is counted — 两年平均增长1.8%
/// measures what the sentence named before.
fn is_time_only(phrase: &str) -> bool {
    let rest = ["前", "近", "头", "最近", "这", "过去", "第"]
        .iter()
        .find_map(|p| phrase.strip_prefix(p))
        .unwrap_or(phrase);
    if matches!(
        rest,
        "上半年" | "下半年" | "年初" | "年底" | "年末" | "全年"
    ) {
        return true;
    }
    let counted = rest
        .trim_start_matches(|c: char| c.is_ascii_digit() || "X一二两三四五六七八九十".contains(c));
    if counted.len() == rest.len() {
        return false;
    }
    let unit = counted.strip_prefix('个').unwrap_or(counted);
    let unit = unit.strip_suffix('来').unwrap_or(unit);
    matches!(unit, "年" | "月" | "季度" | "天" | "周" | "日")
}

/// A rate that names no metric: 增速, 增幅, with at most a pointer or a
/// span before it (这个增速, 年均增速).
fn is_bare_rate(metric: &str) -> bool {
    let rest = ["这个", "个", "其", "该", "年均", "平均"]
        .iter()
        .find_map(|p| metric.strip_prefix(p))
        .unwrap_or(metric);
    matches!(rest, "增速" | "增幅")
}

/// Whether prices are named in the sentence before view byte `at` or in the
/// one before it (全年居民消费价格上涨1.9%。分类别看,食品类上涨…).
fn prices_named(text: &str, sent_start: usize, at: usize) -> bool {
    let before = text[..sent_start].trim_end();
    let previous = before
        .char_indices()
        .rev()
        .skip(1)
        .find(|(_, c)| matches!(c, '。' | '\n'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    text[previous..at].contains("价格")
}

/// The longest aside in parentheses a metric may hold (学(园)位,
/// 生产总值(GDP), 同比(下同), 支出(扣除一次性因素)), in characters.
const ASIDE_MAX: usize = 12;

/// Like [`clause_start`], but a short aside in parentheses inside the
/// clause does not end it.
fn clause_start_over_asides(text: &str, floor: usize, at: usize) -> usize {
    let mut start = clause_start(text, floor, at);
    while start > floor && text[..start].ends_with([')', '(']) {
        let delim = start - 1;
        let open = if text[delim..].starts_with(')') {
            match text[floor..delim].rfind('(') {
                Some(i) if text[floor + i..delim].chars().count() <= ASIDE_MAX => floor + i,
                _ => break,
            }
        } else {
            // An opening parenthesis closed before `at`, shortly after.
            match text[start..at].find(')') {
                Some(i) if text[start..start + i].chars().count() < ASIDE_MAX => delim,
                _ => break,
            }
        };
        start = clause_start(text, floor, open);
    }
    start
}

/// A phrase without its short asides in parentheses.
fn without_asides(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    let mut rest = phrase;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').map(|c| open + c);
        match close {
            Some(c) if rest[open..c].chars().count() <= ASIDE_MAX + 1 => {
                // Inside a word (学(园)位) a one- or two-character aside stays.
                let inside = rest[..open].ends_with(is_han)
                    && rest[c + 1..].starts_with(is_han)
                    && rest[open + 1..c].chars().count() <= 2;
                let keep = if inside { c + 1 } else { open };
                out.push_str(&rest[..keep]);
                rest = &rest[c + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// How a duration figure relates to the action after it.
#[derive(Clone, Copy)]
pub(super) enum Duration {
    /// 用3年时间建成…: the time planned for it.
    Planned,
    /// 仅用45天完成征收: the time it took.
    Done,
}

/// A metric phrase of at most 20 characters: a longer one keeps its end,
/// since the head noun comes last in Chinese.
fn keep_end(phrase: &str) -> String {
    match phrase.char_indices().rev().nth(19) {
        Some((i, _)) if i > 0 => phrase[i..].to_string(),
        _ => phrase.to_string(),
    }
}

fn is_han(c: char) -> bool {
    crate::chars::is_common_cjk(c)
}

/// The words after which a metric phrase names its whole (占) or baseline
/// (高于): vocabulary list comparison_cuts.
pub(super) struct FirstCut {
    /// The non-empty words, in list order.
    pub(super) words: Vec<String>,
    /// Their first characters, sorted: only there can one start.
    firsts: Vec<char>,
}

impl FirstCut {
    pub(super) fn new(words: &[String]) -> FirstCut {
        let words: Vec<String> = words.iter().filter(|w| !w.is_empty()).cloned().collect();
        let mut firsts: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        FirstCut { words, firsts }
    }

    /// Where a metric phrase ends before its whole or baseline: the first
    /// place where one of the words occurs for the first time, unless that
    /// is the phrase's start. (One pass over the phrase, not a substring
    /// search per word.)
    pub(super) fn first(&self, phrase: &str) -> Option<usize> {
        let mut seen = vec![false; self.words.len()];
        for (i, c) in phrase.char_indices() {
            if self.firsts.binary_search(&c).is_err() {
                continue;
            }
            for (k, w) in self.words.iter().enumerate() {
                if !seen[k] && phrase[i..].starts_with(w.as_str()) {
                    if i > 0 {
                        return Some(i);
                    }
                    seen[k] = true;
                }
            }
        }
        None
    }
}

/// Positions in a word list grouped by one character of each word, each
/// group in list order.
pub(super) struct WordIndex {
    groups: Vec<(char, Vec<usize>)>,
}

impl WordIndex {
    /// `keys` gives each word's character (none for an empty word).
    pub(super) fn new(keys: impl Iterator<Item = Option<char>>) -> WordIndex {
        let mut groups: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, key) in keys.enumerate() {
            let Some(c) = key else { continue };
            match groups.binary_search_by_key(&c, |g| g.0) {
                Ok(g) => groups[g].1.push(i),
                Err(g) => groups.insert(g, (c, vec![i])),
            }
        }
        WordIndex { groups }
    }

    /// The first position at or after `from` whose word has character `c`.
    fn next(&self, c: char, from: usize) -> Option<usize> {
        let g = &self.groups[self.groups.binary_search_by_key(&c, |g| g.0).ok()?].1;
        g.get(g.partition_point(|i| *i < from)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{lines_of, pipeline};
    use super::*;

    #[test]
    fn first_cut_is_the_earliest_first_occurrence_after_the_start() {
        let words = pipeline().rules.vocabulary().comparison_cuts.as_slice();
        let cut = FirstCut::new(words);
        let by_search = |s: &str| {
            words
                .iter()
                .filter_map(|w| s.find(w.as_str()))
                .filter(|i| *i > 0)
                .min()
        };
        for s in [
            "蔬菜产量占全区",
            "占比高于全区平均",
            "增速快于全市、高于全省",
            "高出全市平均高于",
            "服务业增加值",
            "",
            "占",
            "占全镇占",
        ] {
            assert_eq!(cut.first(s), by_search(s), "{s}");
        }
    }

    #[test]
    fn a_duration_times_the_action_after_it() {
        assert_eq!(
            lines_of("力争用两年时间建成城北污水处理厂。"),
            ["建成城北污水处理厂用时 | 两年 | 年 | level | exact | target"]
        );
    }

    #[test]
    fn a_counted_noun_with_its_result_is_the_metric() {
        assert_eq!(
            lines_of("辖区内12个社区全部建成幸福家园。"),
            ["社区建成幸福家园 | 12个 | 个 | level | exact | actual"]
        );
    }

    #[test]
    fn an_aside_in_parentheses_does_not_end_the_metric() {
        assert_eq!(
            lines_of("今年全镇新增学(园)位800个,一般公共预算支出(扣除一次性因素)增长4%。"),
            [
                "新增学(园)位 | 800个 | 个 | level | exact | actual",
                "一般公共预算支出 | 4% | % | growth | exact | actual",
            ]
        );
        assert_eq!(
            lines_of("全区实现生产总值(GDP)86亿元,同比(下同)增长5%。"),
            [
                "地区生产总值 | 86亿元 | 亿元 | level | exact | actual",
                "地区生产总值 | 5% | % | growth | exact | actual",
            ]
        );
    }

    #[test]
    fn from_a_to_b_keeps_the_metric_before_you_or_cong() {
        assert_eq!(
            lines_of("全区财政收入由12亿元增加到18亿元,森林覆盖率从52%提高到56%。"),
            [
                "财政收入 | 12亿元 | 亿元 | level | exact | actual",
                "财政收入 | 18亿元 | 亿元 | level | exact | actual",
                "森林覆盖率 | 52% | % | level | exact | actual",
                "森林覆盖率 | 56% | % | level | exact | actual",
            ]
        );
    }

    #[test]
    fn a_time_is_no_metric() {
        for time in [
            "两年",
            "四季度",
            "前X个月",
            "近三年来",
            "上半年",
            "3个月",
            "第一季度",
        ] {
            assert!(is_time_only(time), "{time}");
        }
        for metric in [
            "两年行动",
            "季度产值",
            "年均增速",
            "三年级学生",
            "月收入",
            "十四五",
        ] {
            assert!(!is_time_only(metric), "{metric}");
        }
    }

    #[test]
    fn a_bare_rate_is_the_rate_of_the_subject_before() {
        let lines = lines_of("近五年,全县地区生产总值稳步增长,年均增速达5.6%。");
        assert!(
            lines.iter().any(|l| l.starts_with("地区生产总值 | 5.6%")),
            "{lines:?}"
        );
        assert!(is_bare_rate("这个增速"));
        assert!(!is_bare_rate("工业增速"));
    }

    #[test]
    fn a_share_opening_its_clause_is_of_the_part_before_not_of_the_whole() {
        // The whole after 占 is a known metric (GDP, 规上工业总产值): the
        // share is still the part's.
        let lines = lines_of(
            "全县数字经济核心产业增加值增长21.7%,占GDP比重达到9.8%。\n新能源汽车产业产值增长31.5%,占规上工业总产值比重达到27.3%。\n",
        );
        for want in [
            "数字经济核心产业增加值 | 9.8%",
            "新能源汽车产业产值 | 27.3%",
        ] {
            assert!(
                lines.iter().any(|l| l.starts_with(want)),
                "{want}: {lines:?}"
            );
        }
    }

    #[test]
    fn a_comparison_with_bi_ends_the_metric() {
        assert_eq!(comparison_bi("二产增加值增速比全市低"), Some(21));
        assert_eq!(comparison_bi("第三产业比重"), None);
        assert_eq!(comparison_bi("工业增加值同比"), None);
        assert_eq!(comparison_bi("城乡收入比"), None);
        // A change against another period: 降幅比一季度收窄.
        assert_eq!(comparison_bi("工业投资降幅比一季度收窄"), Some(18));
    }

    #[test]
    fn comparisons_investments_and_price_categories() {
        let lines = lines_of(
            "上半年,全镇农业增加值增速比全县平均低1.2个百分点。\n             今年新引进总投资3.5亿元的农产品冷链物流项目。\n             全年居民消费价格上涨2.1%。分类别看,食品类上涨1.4%、衣着类下降0.8%。\n",
        );
        assert!(
            lines.iter().any(|l| l.starts_with("农业增加值增速 | 1.2")),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.contains("总投资 | 3.5亿元")),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("食品类价格 | 1.4")),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("衣着类价格 | 0.8")),
            "{lines:?}"
        );
    }

    #[test]
    fn a_modifier_before_a_known_metric_keeps_it_whole() {
        assert_eq!(
            lines_of("全镇人均生产总值达到9万元。"),
            ["人均生产总值 | 9万元 | 万元 | level | exact | actual"]
        );
    }

    #[test]
    fn a_condition_is_no_metric() {
        let table = [
            (
                "全县旅游收入4.6亿元,受连续降雨影响下降7.2%。",
                "旅游收入 | 7.2% | % | growth | exact | actual",
            ),
            (
                "全区社会消费品零售总额按可比价格计算增长3.9%。",
                "社会消费品零售总额 | 3.9% | % | growth | exact | actual",
            ),
            (
                "全区财政收入12亿元,剔除土地出让因素后增长2.2%。",
                "财政收入 | 2.2% | % | growth | exact | actual",
            ),
            (
                "一季度受寒潮冲击蔬菜产量同比下降9%。",
                "蔬菜产量 | 9% | % | growth | exact | actual",
            ),
        ];
        for (text, line) in table {
            let lines = lines_of(text);
            assert_eq!(lines.last().map(String::as_str), Some(line), "{text}");
        }
        // 享受 holds 受: no condition frame opens there.
        assert_eq!(
            lines_of("享受政策影响企业120家。")[0],
            "享受政策影响企业 | 120家 | 家 | level | exact | actual"
        );
    }

    #[test]
    fn a_clause_saying_its_subject_fell_names_the_bare_figure_after_it() {
        let found = super::super::tests::targets_of("分镇看,北山镇增长5%,南岭镇负增长,下降1.8%。");
        let last = found.last().unwrap();
        assert_eq!(last.figures.metric, "南岭镇");
        assert_eq!(last.figures.signed_value, Some(-1.8));
    }

    #[test]
    fn declines_written_with_other_verbs_are_negative() {
        for (text, metric) in [
            ("全年客运量下滑11%。", "客运量"),
            ("邮政业务总量萎缩2.5%。", "邮政业务总量"),
            ("规上工业总产值一度同比下降16%。", "规模以上工业总产值"),
        ] {
            let found = super::super::tests::targets_of(text);
            assert_eq!(found.len(), 1, "{text}");
            let f = &found[0].figures;
            assert!(f.signed_value.is_some_and(|v| v < 0.0), "{text}: {f:?}");
            assert!(f.metric.starts_with(&metric[..6]), "{text}: {}", f.metric);
        }
    }

    #[test]
    fn lead_words_and_known_metrics_cut_the_phrase() {
        assert_eq!(
            lines_of("今年以来,我区已完成固定资产投资8.6亿元。"),
            ["固定资产投资 | 8.6亿元 | 亿元 | level | exact | actual"]
        );
    }
}

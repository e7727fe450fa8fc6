//! Lists: figures that share out metrics among them.
//!
//! A 分别 list (城、乡居民人均可支配收入分别增长8%、9%) gives its figures
//! the listed metrics in order, and the change word written once before the
//! first; a level inside parentheses (高新技术企业(国家级X家、省级X家))
//! names a part of the noun before it; short numbered items (第一、二、三产业)
//! and 三次产业 ratios give one sector each; 百分点 written once after a
//! list counts for all its figures, which rise or fall as the first does;
//! figures joined by 、 with no metric take the one the last names.
//! The targets of one document enter and are rewritten in place
//! (`distribute_lists`, `distribute_ratios`, `share_list_figures`) or
//! asked for the whole a level label belongs to (`level_whole`).

use super::cues::signed;
use super::{clause_start, TargetExtractor};
use crate::document::Structure;
use crate::model::{Change, Direction, Target};

impl TargetExtractor {
    /// For a level label inside parentheses (…高新技术企业(国家级X家、省级X家)),
    /// what the label is a level of: the noun after the last 级 before the
    /// parenthesis, else the metric of the figure before it.
    pub(super) fn level_whole(
        &self,
        text: &str,
        sent_start: usize,
        at: usize,
        out: &[Target],
    ) -> Option<String> {
        let open = sent_start + text[sent_start..at].rfind('(')?;
        if text[open..at].contains(')') {
            return None;
        }
        let before = &text[clause_start(text, sent_start, open)..open];
        if let Some(i) = before.rfind('级') {
            let head = self.trim_metric(&before[i + '级'.len_utf8()..]);
            if head.chars().count() >= 2 {
                return Some(head.to_string());
            }
        }
        out.iter()
            .rev()
            .find(|t| t.view_span.1 <= open && t.view_span.0 >= sent_start)
            .map(|t| t.figures.metric.clone())
            .filter(|m| m.chars().count() >= 2)
    }

    /// 城、乡居民人均可支配收入分别增长8%、9%: the figures of a 分别 list
    /// go to the listed metrics in order.
    pub(super) fn distribute_lists(
        &self,
        text: &str,
        structure: &Structure,
        targets: &mut [Target],
    ) {
        let mut i = 0;
        // The items of the last 分别 list, with its sentence's start.
        let mut previous: Option<(usize, Vec<String>)> = None;
        // Where 分别 stands in the sentence of the last target (searched
        // once per sentence, not once per figure).
        let mut fenbies: (Option<usize>, Vec<usize>) = (None, Vec::new());
        while i < targets.len() {
            let span = targets[i].view_span;
            let sentence = structure
                .sentence_at(span.0)
                .map(|s| structure.sentences[s].norm)
                .unwrap_or((0, text.len()));
            let sent_start = sentence.0;
            if fenbies.0 != Some(sent_start) {
                let words = text[sentence.0..sentence.1].match_indices("分别");
                fenbies = (
                    Some(sent_start),
                    words.map(|(k, _)| sent_start + k).collect(),
                );
            }
            // The last 分别 wholly before the figure.
            let before = fenbies.1.partition_point(|&k| k + "分别".len() <= span.0);
            let Some(fenbie) = before.checked_sub(1).map(|k| fenbies.1[k] - sent_start) else {
                i += 1;
                continue;
            };
            // The run of figures after 分别 joined by 、.
            let mut run = vec![i];
            while let Some(&next) = run
                .last()
                .map(|l| l + 1)
                .filter(|n| *n < targets.len())
                .as_ref()
            {
                let gap = &text[targets[next - 1].view_span.1..targets[next].view_span.0];
                // Each figure may bring its own change word (分别下降3.9%、
                // 增长5.2%): the gap is then the joint and that word.
                let joint = gap.strip_prefix('、').or_else(|| gap.strip_prefix('和'));
                let own_change = joint.is_some_and(|rest| {
                    self.changes.at(rest, 0).map(|(e, _)| e) == Some(rest.len())
                });
                if gap == "、" || gap == "和" || own_change {
                    run.push(next);
                } else {
                    break;
                }
            }
            let metric_text =
                &text[clause_start(text, sent_start, sent_start + fenbie)..sent_start + fenbie];
            let split = |separators: &[char]| -> Vec<String> {
                metric_text
                    .split(separators)
                    .map(|s| self.trim_metric(s).to_string())
                    .filter(|s| {
                        !s.is_empty()
                            && !self.metric_tail.contains(s)
                            && !self.comparison_leads.contains(s)
                    })
                    .collect()
            };
            let mut items = split(&['、', '和']);
            // An item may hold 和 itself (教育、社会保障和就业、卫生健康支出
            // 分别为…、…和…): the 、 alone then gives one item per figure.
            if items.len() != run.len() && metric_text.contains('、') {
                let by_comma = split(&['、']);
                if by_comma.len() == run.len() {
                    items = by_comma;
                }
            }
            // 城乡居民人均可支配收入分别为…、…: 城乡 names two items; so does
            // 城乡居民 in an earlier clause (城乡居民收入稳步增长,人均可支配
            // 收入分别达…和…).
            if let [one] = items.as_slice() {
                if run.len() == 2 && one.contains("城乡") {
                    items = vec![
                        one.replacen("城乡", "城镇", 1),
                        one.replacen("城乡", "农村", 1),
                    ];
                } else if run.len() == 2
                    && !one.contains("居民")
                    && text[sent_start..sent_start + fenbie].contains("城乡居民")
                {
                    items = vec![format!("城镇居民{one}"), format!("农村居民{one}")];
                }
            }
            // 三次产业…分别为…、…、…: one item each for 第一, 第二, 第三产业.
            if let [one] = items.as_slice() {
                if run.len() == 3 && one.starts_with("三次产业") {
                    items = ["第一", "第二", "第三"]
                        .iter()
                        .map(|n| one.replacen("三次", n, 1))
                        .collect();
                }
            }
            short_numbered_items(&mut items);
            counted_items(&mut items, &self.counted_kinds);
            // 分别增长5%、3% after a list of the same length in the
            // sentence (收入和支出分别达到…、…,分别增长…): the same items;
            // also when the clause before 分别 names a condition, no
            // metrics (…,扣除价格因素后分别实际增长6.8%和10.1%).
            if items.len() != run.len() {
                if let Some(prev) = previous
                    .as_ref()
                    .filter(|p| p.0 == sent_start && p.1.len() == run.len())
                {
                    items = prev.1.clone();
                }
            }
            // 实现收入X亿元、利润Y亿元,分别增长8%、9% (or 分别比年初增加…):
            // a 分别 opening its clause goes back to as many figures of the
            // sentence before it, when each names its own metric.
            if items.is_empty() && run.len() > 1 && i >= run.len() {
                let before: Vec<&Target> = targets[i - run.len()..i].iter().collect();
                let in_sentence = before.iter().all(|t| t.view_span.0 >= sent_start);
                let mut names: Vec<&str> =
                    before.iter().map(|t| t.figures.metric.as_str()).collect();
                let named = names.iter().all(|m| m.chars().count() >= 2);
                names.dedup();
                if in_sentence && named && names.len() == run.len() {
                    items = names.iter().map(|m| m.to_string()).collect();
                }
            }
            // The change word stands before the first figure only (分别增长8%、9%).
            let change = targets[i].figures.change;
            for idx in &run[1..] {
                if targets[*idx].figures.change == Change::Level
                    && targets[*idx].figures.unit == targets[i].figures.unit
                {
                    targets[*idx].figures.change = change;
                }
            }
            if items.len() == run.len() && run.len() > 1 {
                previous = Some((sent_start, items.clone()));
                for (k, idx) in run.iter().enumerate() {
                    let name = self.item_metric(&items, k);
                    let mut name = name.as_str();
                    for w in &self.metric_lead {
                        if let Some(p) = self.without_lead(name, w) {
                            name = p;
                        }
                    }
                    targets[*idx].figures.metric = self.without_infixes(name.to_string());
                }
            }
            i = run.last().map(|l| l + 1).unwrap_or(i + 1);
        }
    }

    /// The metric of item `k` of a 分别 list: what the item names, with
    /// the head it shares with the last item.
    fn item_metric(&self, items: &[String], k: usize) -> String {
        let last = items.last().expect("items").as_str();
        let item = items[k].as_str();
        // A paired head the last item ends with (教育、社会保障和就业、
        // 卫生健康支出): every item's, when the items are names
        // (three or more, or this one of three characters), not
        // the short parallel fronts of one (城镇、农村居民收入)
        // nor ranges of a quantity (0-14岁、…人口).
        let paired_head = (k + 1 < items.len()
            && (items.len() >= 3 || item.chars().count() >= 3)
            && !item.chars().any(|c| c.is_ascii_digit()))
        .then(|| {
            self.paired_heads.iter().find(|h| {
                last.ends_with(h.as_str()) && last.len() > h.len() && !item.ends_with(h.as_str())
            })
        })
        .flatten();
        if let Some(head) = (k + 1 < items.len())
            .then(|| shared_head(item, last))
            .flatten()
        {
            // A景区、B街区接待游客: A shares what B's item says after its name.
            format!("{item}{head}")
        } else if let Some(head) = paired_head {
            format!("{item}{head}")
        } else if k + 1 < items.len()
            && item.chars().count() <= 2
            && item.chars().count() < last.chars().count()
        {
            // Short leading items share the last item's head: 城、乡居民 → 城居民, 乡居民.
            let skip = item.chars().count();
            format!("{item}{}", last.chars().skip(skip).collect::<String>())
        } else if k > 0 {
            self.with_paired_modifier(&items[0], item)
        } else {
            item.to_string()
        }
    }

    /// 一般公共预算收入和支出: a bare paired head after the first item
    /// takes the first item's modifier (一般公共预算支出), when the first
    /// item ends in a paired head too.
    fn with_paired_modifier(&self, first: &str, item: &str) -> String {
        let paired = |w: &str| self.paired_heads.iter().any(|h| h == w);
        if !paired(item) {
            return item.to_string();
        }
        match self
            .paired_heads
            .iter()
            .find(|h| first.ends_with(h.as_str()) && first.len() > h.len())
        {
            Some(head) if head != item => {
                format!("{}{item}", &first[..first.len() - head.len()])
            }
            _ => item.to_string(),
        }
    }
}

/// 全年实现412户、1786人稳定脱贫: figures joined by 、 that name nothing
/// before them count what the last of them names after it.
pub(super) fn share_trailing_metric(text: &str, targets: &mut [Target]) {
    for i in (1..targets.len()).rev() {
        let gap = &text[targets[i - 1].view_span.1..targets[i].view_span.0];
        if gap == "、"
            && targets[i - 1].figures.metric.is_empty()
            && !targets[i].figures.metric.is_empty()
        {
            targets[i - 1].figures.metric = targets[i].figures.metric.clone();
        }
    }
}

/// What the last item of a list says after a name like `item`'s: the
/// text after the last place in `last` of `item`'s final character
/// (青龙峡景区 before 古渡口历史文化街区接待游客 → 接待游客), when the
/// item has no such head already and at least two characters follow.
/// An item with digits is a range of a quantity (0-17岁、…、60岁及以上
/// 户籍人口), not a name.
fn shared_head<'l>(item: &str, last: &'l str) -> Option<&'l str> {
    if item.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let end = item.chars().next_back()?;
    let at = last.rfind(end)? + end.len_utf8();
    let head = &last[at..];
    (at > end.len_utf8() && head.chars().count() >= 2 && !item.ends_with(head)).then_some(head)
}

/// 三次产业比例为6.0:64.3:29.7: the three figures of a ratio of the three
/// sectors measure 第一, 第二 and 第三产业 in turn. A structure
/// (三次产业结构调整为…) keeps its one name, as the rule examples say.
pub(super) fn distribute_ratios(text: &str, targets: &mut [Target]) {
    let mut i = 0;
    while i + 2 < targets.len() {
        let joined = (i..i + 2).all(|k| {
            let gap = &text[targets[k].view_span.1..targets[k + 1].view_span.0];
            matches!(gap, ":" | "∶" | "︰")
        });
        let metric = targets[i].figures.metric.clone();
        if !joined
            || !metric.starts_with("三次产业")
            || !(i..i + 3).all(|k| targets[k].figures.metric == metric)
        {
            i += 1;
            continue;
        }
        if !metric.ends_with("结构") {
            for (k, n) in ["第一", "第二", "第三"].iter().enumerate() {
                targets[i + k].figures.metric = metric.replacen("三次", n, 1);
            }
        }
        i += 3;
    }
}

impl TargetExtractor {
    /// 分别低了0.5个和0.1个百分点, 低3.2个、25.9个、6.7个百分点: a list of
    /// figures joined by 、 or 和 writes 百分点 once, after the last; the
    /// figures before it counted in bare 个 take the last one's unit and
    /// change. A figure of the list with no change word of its own before
    /// it rises or falls as the first one does.
    pub(super) fn share_list_figures(&self, text: &str, targets: &mut [Target]) {
        let mut i = 0;
        while i < targets.len() {
            let mut end = i;
            while end + 1 < targets.len()
                && matches!(
                    &text[targets[end].view_span.1..targets[end + 1].view_span.0],
                    "、" | "和"
                )
            {
                end += 1;
            }
            if end > i && targets[end].figures.unit.ends_with("百分点") {
                let (unit, change) = (
                    targets[end].figures.unit.clone(),
                    targets[end].figures.change,
                );
                let floor = if i > 0 { targets[i - 1].view_span.1 } else { 0 };
                for t in targets[i..end]
                    .iter_mut()
                    .filter(|t| t.figures.unit == "个")
                {
                    let at = t.view_span.0;
                    let from = clause_start(text, floor.min(at), at);
                    let direction = self.direction(text, (from, at), change, false);
                    t.figures.unit = unit.clone();
                    t.figures.change = change;
                    t.figures.direction = direction;
                    t.figures.signed_value = signed(t.figures.value, direction);
                }
            }
            if end > i {
                let first = targets[i].figures.direction;
                for t in &mut targets[i + 1..=end] {
                    // A minus sign of its own (分别增长5%、-3%) stays.
                    let minus = t.figures.direction == Some(Direction::Decrease);
                    if first.is_some()
                        && !minus
                        && matches!(t.figures.change, Change::Growth | Change::Difference)
                    {
                        t.figures.direction = first;
                        t.figures.signed_value = signed(t.figures.value, first);
                    }
                }
            }
            i = end + 1;
        }
    }
}

/// Items counted before the noun they share (有色金属冶炼、建材、食品加工
/// 三大行业增加值): when the count is the number of items, every item
/// takes the noun after it (建材行业增加值) and the count goes.
fn counted_items(items: &mut [String], kinds: &[String]) {
    let Some(last) = items.last() else { return };
    let chars: Vec<(usize, char)> = last.char_indices().collect();
    let count = chars.windows(2).enumerate().find_map(|(k, w)| {
        // A count in Chinese numerals (三大); 3个主要指标 names the figures'
        // kind, not the list's noun.
        if w[0].1.is_ascii_digit() {
            return None;
        }
        let n = crate::extract::numerals::parse_chinese(w[0].1.encode_utf8(&mut [0; 4]))?;
        matches!(w[1].1, '大' | '个' | '项' | '类').then_some((k, n))
    });
    let Some((k, _)) = count.filter(|&(k, n)| k >= 1 && n == items.len() as f64) else {
        return;
    };
    let (name_end, head_start) = (chars[k].0, chars[k + 1].0 + chars[k + 1].1.len_utf8());
    // 两大主导产业产值: the kind of the counted (主导, 支柱) describes the
    // list, not each item: 半导体产业产值.
    let rest = &last[head_start..];
    let head = kinds
        .iter()
        .find_map(|k| {
            rest.strip_prefix(k.as_str())
                .filter(|h| h.chars().count() >= 2)
        })
        .unwrap_or(rest)
        .to_string();
    if head.chars().count() < 2 {
        return;
    }
    let name = last[..name_end].to_string();
    let n = items.len();
    items[n - 1] = name;
    for item in items.iter_mut() {
        item.push_str(&head);
    }
}

/// Items numbered in short form (第一、二、三产业增加值): every item takes
/// the first's 第 and the last's head after its numeral (第一产业增加值,
/// 第二产业增加值, 第三产业增加值). Other lists stay as they are.
fn short_numbered_items(items: &mut [String]) {
    const NUMERALS: &str = "一二三四五六七八九十";
    let Some(last) = items.last() else { return };
    let bare = |s: &str| s.strip_prefix('第').unwrap_or(s).to_string();
    let numeral_len = |s: &str| s.chars().take_while(|c| NUMERALS.contains(*c)).count();
    let last_bare = bare(last);
    let n = numeral_len(&last_bare);
    let head: String = last_bare.chars().skip(n).collect();
    let numbered = items.len() >= 2
        && n >= 1
        && head.chars().count() >= 2
        && items[..items.len() - 1].iter().all(|i| {
            let b = bare(i);
            numeral_len(&b) == b.chars().count() && !b.is_empty()
        });
    if !numbered {
        return;
    }
    let ordinal = if items[0].starts_with('第') {
        "第"
    } else {
        ""
    };
    for item in items.iter_mut() {
        let b = bare(item);
        let numeral: String = b.chars().take(numeral_len(&b)).collect();
        *item = format!("{ordinal}{numeral}{head}");
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{lines_of, targets_of};

    #[test]
    fn an_item_holding_he_and_the_kind_of_a_counted_list() {
        let lines = lines_of(
            "其中,教育、社会保障和就业、卫生健康支出分别为131亿元、110亿元和64亿元。半导体、新材料两大主导产业产值分别增长18.5%和7.2%。",
        );
        assert_eq!(
            metrics_of(&lines),
            [
                "教育支出",
                "社会保障和就业支出",
                "卫生健康支出",
                "半导体产业产值",
                "新材料产业产值"
            ]
        );
    }

    #[test]
    fn a_fenbie_list_gives_each_figure_its_metric_and_change() {
        assert_eq!(
            lines_of("城镇、农村居民人均可支配收入分别增长7%、8%。"),
            [
                "城镇居民人均可支配收入 | 7% | % | growth | exact | actual",
                "农村居民人均可支配收入 | 8% | % | growth | exact | actual",
            ]
        );
    }

    #[test]
    fn each_figure_of_a_fenbie_list_may_bring_its_own_change_word() {
        let lines = lines_of("铁路、水路客运量分别下降4.6%、增长3.1%。");
        assert_eq!(metrics_of(&lines), ["铁路客运量", "水路客运量"]);
        let signs: Vec<bool> = targets_of("铁路、水路客运量分别下降4.6%、增长3.1%。")
            .iter()
            .map(|t| t.figures.signed_value.is_some_and(|v| v < 0.0))
            .collect();
        assert_eq!(signs, [true, false]);
    }

    #[test]
    fn a_second_fenbie_list_takes_the_items_of_the_first() {
        assert_eq!(
            lines_of("城乡居民人均可支配收入分别达到4.2万元、1.9万元,同比分别增长5%、7%。"),
            [
                "城镇居民人均可支配收入 | 4.2万元 | 万元 | level | exact | actual",
                "农村居民人均可支配收入 | 1.9万元 | 万元 | level | exact | actual",
                "城镇居民人均可支配收入 | 5% | % | growth | exact | actual",
                "农村居民人均可支配收入 | 7% | % | growth | exact | actual",
            ]
        );
    }

    #[test]
    fn a_fenbie_opening_its_clause_goes_back_to_the_figures_before_it() {
        let found = lines_of(
            "全县规模以上工业企业86家,实现营业收入215.6亿元、利润总额12.3亿元,分别增长9.4%和6.1%。\n\
             年末金融机构存款余额624.3亿元,贷款余额408.7亿元,分别比年初增加56.2亿元和32.6亿元。\n",
        );
        let metrics: Vec<&str> = found
            .iter()
            .map(|l| l.split(" | ").next().unwrap())
            .collect();
        assert_eq!(
            metrics,
            [
                "规模以上工业企业",
                "营业收入",
                "利润总额",
                "营业收入",
                "利润总额",
                "金融机构存款余额",
                "贷款余额",
                "金融机构存款余额",
                "贷款余额"
            ],
            "{found:?}"
        );
    }

    /// Whether some line of `lines` starts with `prefix`.
    fn has_line(lines: &[String], prefix: &str) -> bool {
        lines.iter().any(|l| l.starts_with(prefix))
    }

    #[test]
    fn a_condition_before_fenbie_takes_the_earlier_list_of_the_sentence() {
        let lines = lines_of(
            "城镇居民人均可支配收入和农村居民人均纯收入分别为22940元、8410元,扣除价格因素后分别实际增长6.8%和10.1%。",
        );
        assert!(
            has_line(&lines, "农村居民人均纯收入 | 10.1% |"),
            "{lines:?}"
        );
    }

    #[test]
    fn items_counted_before_their_noun_each_take_it() {
        let lines = lines_of(
            "其中,有色金属冶炼、建材、食品加工三大行业增加值分别为14.6亿元、8.1亿元、5.7亿元。",
        );
        assert!(has_line(&lines, "建材行业增加值 | 8.1亿元 |"), "{lines:?}");
        assert!(
            has_line(&lines, "食品加工行业增加值 | 5.7亿元 |"),
            "{lines:?}"
        );
    }

    #[test]
    fn a_paired_head_takes_the_modifier_of_the_first_item() {
        let lines = lines_of("全镇财政收入和支出分别为3.6亿元、2.9亿元,分别增长4%、2.5%。");
        assert_eq!(
            metrics_of(&lines),
            ["财政收入", "财政支出", "财政收入", "财政支出"]
        );
        // Heads that do not pair keep their own names.
        let lines = lines_of("规模以上工业增加值和利润分别增长6%、9%。");
        assert_eq!(metrics_of(&lines), ["规模以上工业增加值", "利润"]);
        let lines = lines_of("进口和出口分别增长3%、5%。");
        assert_eq!(metrics_of(&lines), ["进口", "出口"]);
    }

    #[test]
    fn leading_names_share_what_the_last_item_says_after_its_name() {
        let lines =
            lines_of("白鹭湖景区、老城历史文化街区全年接待游客分别为52.3万人次和18.6万人次。");
        assert_eq!(
            metrics_of(&lines),
            ["白鹭湖景区接待游客", "老城历史文化街区接待游客"]
        );
        // Ranges of a quantity are no names: each keeps its own words.
        let lines = lines_of("0-14岁、15-59岁、60岁及以上人口分别为2.1万人、6.3万人、2.4万人。");
        assert_eq!(metrics_of(&lines)[0], "0-14岁");
    }

    #[test]
    fn figures_joined_before_their_noun_share_it() {
        let lines = lines_of("全年实现215户、768人稳定脱贫。");
        assert_eq!(metrics_of(&lines), ["稳定脱贫", "稳定脱贫"]);
    }

    /// The metric of each summary line.
    fn metrics_of(lines: &[String]) -> Vec<&str> {
        lines
            .iter()
            .map(|l| l.split(" | ").next().unwrap())
            .collect()
    }

    #[test]
    fn short_numbered_items_share_the_head_of_the_last() {
        let lines = lines_of("第一、二、三产业增加值分别增长3.1%、6.2%、5.4%。");
        let metrics = metrics_of(&lines);
        assert_eq!(
            metrics,
            ["第一产业增加值", "第二产业增加值", "第三产业增加值"],
            "{lines:?}"
        );
        let lines = lines_of("三次产业对经济增长的贡献率分别为8.5%、47.2%、44.3%。");
        let metrics = metrics_of(&lines);
        assert_eq!(
            metrics,
            [
                "第一产业对经济增长的贡献率",
                "第二产业对经济增长的贡献率",
                "第三产业对经济增长的贡献率"
            ],
            "{lines:?}"
        );
    }

    #[test]
    fn a_ratio_of_the_three_sectors_gives_each_its_part() {
        let lines = lines_of("全年三次产业比例为8.1:40.2:51.7。");
        let metrics = metrics_of(&lines);
        assert_eq!(
            metrics,
            ["第一产业比例", "第二产业比例", "第三产业比例"],
            "{lines:?}"
        );
    }

    #[test]
    fn points_written_once_after_a_list_count_for_every_figure() {
        let lines = lines_of("农业增加值增速比全县、全市分别低了0.4个和0.2个百分点。");
        let units: Vec<&str> = lines
            .iter()
            .map(|l| l.split(" | ").nth(2).unwrap())
            .collect();
        assert_eq!(units, ["个百分点", "个百分点"], "{lines:?}");
        let signed: Vec<Option<f64>> =
            targets_of("农业增加值增速比全县、全市分别低了0.4个和0.2个百分点。")
                .iter()
                .map(|t| t.figures.signed_value)
                .collect();
        assert_eq!(signed, [Some(-0.4), Some(-0.2)]);
    }

    #[test]
    fn levels_in_parentheses_name_parts_of_the_noun_before() {
        assert_eq!(
            lines_of("全区共有高新技术企业20家(国家级8家、省级12家)。"),
            [
                "高新技术企业 | 20家 | 家 | level | exact | actual",
                "国家级高新技术企业 | 8家 | 家 | level | exact | actual",
                "省级高新技术企业 | 12家 | 家 | level | exact | actual",
            ]
        );
    }
}

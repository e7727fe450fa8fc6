//! The vocabulary: the named word lists that rule files share and the
//! extractors read, as a typed struct.
//!
//! Each rule file may hold a `[vocabulary]` table. It is read as a
//! [`VocabularyTable`] (serde, unknown list names refused, so a misspelt
//! list is an error naming the file and the list), the tables of all files
//! are merged into one [`Vocabulary`] (a list defined in two files is an
//! error, and so is a list that no file defines), and rules refer to any
//! list as `"@name"` inside their word lists, which [`expand`] replaces by
//! the list's words before the rule compiles. Lists of a user's own, for
//! `"@name"` use only, go under `[vocabulary.custom]`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{Error, Result};

/// Declares the lists once: the table as written (every list optional),
/// the merged vocabulary (every list required) and the lookups by name.
macro_rules! vocabulary_lists {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {
        /// One file's `[vocabulary]` table, as written.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct VocabularyTable {
            $(#[serde(default)] pub $name: Option<Vec<String>>,)*
            /// Lists of the user's own, usable as `"@name"` in rules.
            #[serde(default)]
            pub custom: BTreeMap<String, Vec<String>>,
        }

        /// Every shared word list, merged from the `[vocabulary]` tables of
        /// all rule files.
        #[derive(Debug, Default, Clone)]
        pub struct Vocabulary {
            $($(#[doc = $doc])* pub $name: Vec<String>,)*
            /// Lists of the user's own (`[vocabulary.custom]`), usable as
            /// `"@name"` in rules; the extractors never read them.
            pub custom: BTreeMap<String, Vec<String>>,
        }

        impl Vocabulary {
            /// The name of every typed list, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            /// A typed list by name; `None` for a name that is no field.
            pub fn field(&self, name: &str) -> Option<&[String]> {
                match name {
                    $(stringify!($name) => Some(&self.$name),)*
                    _ => None,
                }
            }

            /// The lists one file defines, by name.
            fn lists_of(table: VocabularyTable) -> Vec<(&'static str, Vec<String>)> {
                let mut lists = Vec::new();
                $(if let Some(words) = table.$name {
                    lists.push((stringify!($name), words));
                })*
                lists
            }

            /// Sets a typed list by name (the name is one of [`Self::NAMES`]).
            fn set(&mut self, name: &str, words: Vec<String>) {
                match name {
                    $(stringify!($name) => self.$name = words,)*
                    _ => unreachable!("{name} is no vocabulary list"),
                }
            }
        }
    };
}

vocabulary_lists! {
    /// Function words and adverbs after which a name may start (的, 和, 通过, 力争 …).
    function_words,
    /// Words a name never contains: a match holding one starts after it.
    stop_words,
    /// Words holding a stop word that are one word (数据, 就业, 自由): the
    /// stop word inside one of them cuts nothing.
    stop_word_compounds,
    /// Work verbs before a name (加快建设, 发展, 打造 …).
    work_verbs,
    /// Verbs of presence, rank and events before a name (入选, 举办, 距 …).
    name_leads,
    /// Adjectives and determiners that make a place or project name generic.
    generic_modifiers,
    /// Stems that before a project type name a category, not one project.
    generic_project_stems,
    /// Stripped from the left of a metric phrase.
    metric_lead,
    /// Words opening with a lead word that keep it (就业, 在校 …).
    metric_lead_kept,
    /// Stripped from the right of a metric phrase.
    metric_tail,
    /// Words dropped inside a metric phrase (开发区实现工业总产值, 各类).
    metric_infixes,
    /// Phrases too generic to be a metric on their own.
    generic_metrics,
    /// Modifiers that make a known metric another one (人均, 规上企业 …).
    metric_modifiers,
    /// A metric phrase starting with one of these compares with something.
    comparison_leads,
    /// Heads of a metric that a list pairs under one modifier (收入和支出).
    paired_heads,
    /// Before a duration: the time an action takes (用三年时间).
    duration_leads,
    /// The same, for an action reported as done (仅用45天).
    duration_leads_done,
    /// Before 次: a one-character numeral counts (先后四次).
    frequency_leads,
    /// After a classifier: a one-character numeral counts (十件民生实事).
    counted_nouns,
    /// The kind of the items a 分别 list counts (两大主导产业): it describes
    /// the list, not each item's metric.
    counted_kinds,
    /// After a figure: a mark of the level reached, not a counted noun
    /// (突破100亿元大关, 跃上新台阶).
    milestone_words,
    /// Verbs that put items on the year's list (安排, 列入): the count of
    /// such a list is an actual even in a plan.
    list_verbs,
    /// What such a list counts (项目, 工程).
    listed_items,
    /// Openings of a clause whose figure is a part of the whole before it
    /// (其中): it has the whole's status.
    part_openers,
    /// Openings of a clause whose figure is a share of the figure before it
    /// (占): it has that figure's status.
    share_openers,
    /// Openings of a clause giving a list's total (总投资): after a list
    /// count it has the count's status.
    list_totals,
    /// Predicates that end a subject named before a bare growth figure.
    subject_predicates,
    /// Verbs of a counted result (XX个行政村全部建成…).
    result_verbs,
    /// Cues before a goal that a measure serves (推动, 围绕 …).
    serves_cues,
    /// Openings of a clause that frames the clauses after it as work for
    /// the goal it names (围绕, 锚定 …).
    frame_cues,
    /// Cues before a goal inside one clause of a sentence, beyond
    /// `serves_cues`: the sentence's lead clause serves it (夯实, 注入 …).
    clause_cues,
    /// Cues of a purpose (服务, 助力 …) that opens or closes a sentence.
    purpose_cues,
    /// What 以X为… makes X in work towards a goal named after it in the
    /// same clause (抓手, 载体, 突破口 …).
    means_roles,
    /// Words that close a frame clause after its goal (目标, 作为 …): the
    /// clause's rest is no measure of its own.
    frame_tails,
    /// Marks of a guideline sentence (总基调, 为指导), whose goals are
    /// listed side by side and frame nothing.
    guideline_marks,
    /// After a goal in a heading's later clause: the progress the work made
    /// on it (扎实推进, 取得 …).
    progress_predicates,
    /// Prefixes a slogan member is also named without (大扶贫 → 扶贫).
    member_prefixes,
    /// Endings that make a name an aim by its form (工业强镇, …示范区):
    /// such a member is an aim wherever work names it.
    aim_suffixes,
    /// Openings of a short sentence that names a measure (着力, 加快 …).
    measure_leads,
    /// Comparisons that end a metric phrase before them (占, 高于 …).
    comparison_cuts,
    /// Quantifiers between a counted noun and its result verb (均, 全部 …).
    result_leads,
    /// Copulas between a demonstrative count and its noun (都是, 均为 …).
    noun_copulas,
    /// Words where the noun after a figure ends (都, 是, 之一 …).
    noun_breaks,
    /// Demonstratives before a count that refers back (这, 每, 各 …).
    demonstratives,
    /// Fillers after a duration (左右的时间, 的努力 …).
    duration_fillers,
    /// Frames of a condition inside a metric phrase, written open…close
    /// (受…影响, 按…计算, 扣除…后): they say under what the figure holds,
    /// not what it counts.
    metric_conditions,
    /// Change words that make a growth or difference a rise (增长, 提高 …).
    increase_words,
    /// Change words that make a growth or difference a fall (下降, 减少 …).
    decrease_words,
    /// Heading words of a review of past work (工作回顾, 过去一年 …): its
    /// figures are actuals.
    review_headings,
    /// Heading words of a plan (工作安排, 预期目标 …): its figures are
    /// targets.
    plan_headings,
    /// Title words of a document delivered at the start of the year it
    /// plans (政府工作报告, 计划): its plain actuals report the year before.
    report_titles,
    /// Words after a place's name that make it the speaker (人民政府,
    /// 人民代表大会, 委, 召开 …): the document's jurisdiction.
    jurisdiction_cues,
    /// Words of a river, lake, scenic spot or old town after a county's
    /// short name (清水河流域, 紫阳古城): the feature, not a far-away county
    /// the text never names in full.
    place_features,
    /// Openings of a clause that says what a work yields once done
    /// (建成后, 达产后 …): an outcome, not an action serving a goal.
    outcome_leads,
    /// Verbs that report what a meeting or a speaker said (会议指出, 他强调):
    /// a paragraph opening with one and its comma (会议指出,2024年,全区…)
    /// opens its statement after them.
    reporting_verbs,
}

impl Vocabulary {
    /// Merges the tables of all files (file name, table), in load order.
    /// A list defined twice, a custom list named like a typed one, or a
    /// typed list no file defines is an error.
    pub fn merge(tables: Vec<(String, VocabularyTable)>) -> Result<Vocabulary> {
        let mut vocabulary = Vocabulary::default();
        let mut defined: BTreeMap<String, String> = BTreeMap::new();
        let mut define = |file: &str, name: &str| -> Result<()> {
            match defined.insert(name.to_string(), file.to_string()) {
                None => Ok(()),
                Some(first) => Err(Error::RuleFile {
                    file: file.to_string(),
                    message: format!(
                        "vocabulary list {name:?} is defined twice (also in {first}); give each list its own name"
                    ),
                }),
            }
        };
        // A list holds words: "@other" inside a list would be taken as a
        // word, and two lists naming each other would be a cycle.
        let words_only = |file: &str, name: &str, words: &[String]| -> Result<()> {
            match words.iter().find(|w| w.starts_with('@')) {
                None => Ok(()),
                Some(w) => Err(Error::RuleFile {
                    file: file.to_string(),
                    message: format!(
                        "vocabulary list {name:?} holds {w:?}; a list holds words, not other lists (copy the words in, or write \"@…\" in a rule's list)"
                    ),
                }),
            }
        };
        for (file, mut table) in tables {
            for (name, words) in std::mem::take(&mut table.custom) {
                words_only(&file, &name, &words)?;
                if Vocabulary::NAMES.contains(&name.as_str()) {
                    return Err(Error::RuleFile {
                        file,
                        message: format!(
                            "vocabulary list {name:?} under [vocabulary.custom] is a built-in list; define it under [vocabulary]"
                        ),
                    });
                }
                define(&file, &name)?;
                vocabulary.custom.insert(name, words);
            }
            for (name, words) in Vocabulary::lists_of(table) {
                words_only(&file, name, &words)?;
                define(&file, name)?;
                vocabulary.set(name, words);
            }
        }
        if let Some(missing) = Vocabulary::NAMES
            .iter()
            .find(|n| !defined.contains_key(**n))
        {
            return Err(Error::RuleFile {
                file: "rules".to_string(),
                message: format!(
                    "vocabulary list {missing:?} is not defined in any rule file; ptkg needs it (define it under [vocabulary], as rules/vocabulary.toml does)"
                ),
            });
        }
        Ok(vocabulary)
    }

    /// A list for `"@name"`: a typed list or a custom one.
    pub fn get(&self, name: &str) -> Option<&[String]> {
        self.field(name)
            .or_else(|| self.custom.get(name).map(Vec::as_slice))
    }
}

/// The spans `p..e` of the `compounds` (a vocabulary's
/// `stop_word_compounds`) in `text` with `p < at <= e`: those byte `at`
/// falls inside or right after. A stop word a compound holds there is no
/// boundary (给 in 自给, 对 in 对外).
pub fn compounds_around<'a>(
    compounds: &'a [String],
    text: &'a str,
    at: usize,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    compounds.iter().filter_map(move |c| {
        c.char_indices()
            .skip(1)
            .map(|(k, _)| k)
            .chain([c.len()])
            .filter_map(|k| at.checked_sub(k))
            .find(|&p| text.is_char_boundary(p) && text[p..].starts_with(c.as_str()))
            .map(|p| (p, p + c.len()))
    })
}

/// Replaces every `"@name"` entry of `list` by the vocabulary list of that
/// name; `"@name后缀"` gives every word of the list followed by the suffix,
/// and a `"!word"` entry takes `word` out of what the references gave
/// (`"@work_verbs项目", "!改造项目"`: 改造 names a project's work, so
/// 东风路农贸市场改造项目 is not a verb before 项目). Returns the unknown
/// name on failure.
pub fn expand(list: &mut Vec<String>, vocabulary: &Vocabulary) -> std::result::Result<(), String> {
    if !list
        .iter()
        .any(|w| w.starts_with('@') || w.starts_with('!'))
    {
        return Ok(());
    }
    let removed: Vec<String> = list
        .iter()
        .filter_map(|w| w.strip_prefix('!').map(str::to_string))
        .collect();
    let mut expanded = Vec::with_capacity(list.len());
    for w in list.drain(..) {
        if w.starts_with('!') {
            continue;
        }
        match w.strip_prefix('@') {
            // "@work_verbs项目": every word of the list followed by 项目.
            Some(reference) => {
                let split = reference
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(reference.len());
                let (name, suffix) = reference.split_at(split);
                let words = vocabulary.get(name).ok_or_else(|| name.to_string())?;
                expanded.extend(words.iter().map(|v| format!("{v}{suffix}")));
            }
            None => expanded.push(w),
        }
    }
    if !removed.is_empty() {
        expanded.retain(|w| !removed.contains(w));
    }
    *list = expanded;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> std::result::Result<VocabularyTable, toml::de::Error> {
        #[derive(Deserialize)]
        struct File {
            vocabulary: VocabularyTable,
        }
        toml::from_str::<File>(text).map(|f| f.vocabulary)
    }

    #[test]
    fn a_bang_entry_takes_a_word_out_of_an_expanded_list() {
        let mut t = full();
        t.custom
            .insert("verbs".into(), vec!["推进".into(), "改造".into()]);
        let vocabulary = Vocabulary::merge(vec![("rules/mine.toml".into(), t)]).expect("merges");
        let mut list = vec![
            "@verbs项目".to_string(),
            "!改造项目".to_string(),
            "抓项目".to_string(),
        ];
        expand(&mut list, &vocabulary).expect("expands");
        assert_eq!(list, ["推进项目", "抓项目"]);
    }

    #[test]
    fn a_list_naming_another_list_is_an_error() {
        let mut t = full();
        t.custom.insert("a".into(), vec!["@b".into()]);
        t.custom.insert("b".into(), vec!["@a".into()]);
        let err = Vocabulary::merge(vec![("rules/mine.toml".into(), t)])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("rules/mine.toml") && err.contains("not other lists"),
            "{err}"
        );
    }

    /// A table defining every typed list with one word, "<name>词".
    fn full() -> VocabularyTable {
        let mut text = String::from("[vocabulary]\n");
        for name in Vocabulary::NAMES {
            text.push_str(&format!("{name} = [\"{name}词\"]\n"));
        }
        table(&text).unwrap()
    }

    #[test]
    fn a_misspelt_list_name_is_refused_naming_the_list() {
        let err = table("[vocabulary]\nstop_wrods = [\"的\"]\n").unwrap_err();
        assert!(err.message().contains("stop_wrods"), "{}", err.message());
    }

    #[test]
    fn every_typed_list_must_be_defined() {
        let mut t = full();
        t.result_verbs = None;
        let err = Vocabulary::merge(vec![("rules/mine.toml".into(), t)]).unwrap_err();
        assert!(
            err.to_string().contains("\"result_verbs\" is not defined"),
            "{err}"
        );
        let v = Vocabulary::merge(vec![("rules/mine.toml".into(), full())]).unwrap();
        assert_eq!(v.result_verbs, ["result_verbs词"]);
    }

    #[test]
    fn a_list_defined_in_two_files_names_both() {
        let second = VocabularyTable {
            serves_cues: Some(vec!["围绕".into()]),
            ..Default::default()
        };
        let err = Vocabulary::merge(vec![
            ("rules/a.toml".into(), full()),
            ("rules/b.toml".into(), second),
        ])
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("rules/b.toml:") && err.contains("also in rules/a.toml"),
            "{err}"
        );
    }

    #[test]
    fn custom_lists_serve_references_but_may_not_shadow_typed_ones() {
        let mut t = full();
        t.custom
            .insert("river_names".into(), vec!["青江".into(), "白水河".into()]);
        let v = Vocabulary::merge(vec![("rules/mine.toml".into(), t)]).unwrap();
        let mut words = vec!["@river_names流域".to_string(), "湿地".to_string()];
        expand(&mut words, &v).unwrap();
        assert_eq!(words, ["青江流域", "白水河流域", "湿地"]);
        let mut unknown = vec!["@lake_names".to_string()];
        assert_eq!(expand(&mut unknown, &v), Err("lake_names".to_string()));

        let mut t = full();
        t.custom.insert("stop_words".into(), vec!["的".into()]);
        let err = Vocabulary::merge(vec![("rules/mine.toml".into(), t)]).unwrap_err();
        assert!(err.to_string().contains("is a built-in list"), "{err}");
    }

    #[test]
    fn custom_lists_are_read_from_a_subtable() {
        let t = table("[vocabulary]\nwork_verbs = [\"建设\"]\n[vocabulary.custom]\ntown_names = [\"河口镇\"]\n")
            .unwrap();
        assert_eq!(t.work_verbs.as_deref(), Some(&["建设".to_string()][..]));
        assert_eq!(t.custom["town_names"], ["河口镇"]);
    }
}

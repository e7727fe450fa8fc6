//! Rules: user-editable TOML files → one [`CompiledRuleSet`].
//!
//! Rule files are read in two steps, as ripgrep reads its flags: [`RuleFile`]
//! is the file as written (serde, unknown keys refused so a typo is never
//! silently ignored), and [`CompiledRuleSet`] holds every regex and word list
//! compiled once, ready to run on any number of documents. The default rule
//! files under `rules/` are compiled into the binary; `--rules DIR` replaces a
//! default file of the same name or adds new files.
//!
//! Sources (file name and text) come in; this module parses them, merges
//! their `[vocabulary]` tables into one typed [`Vocabulary`]
//! ([`vocabulary`]), expands `"@name"` references, and hands each rule to
//! the [compiler](compile) (keys checked, regexes and word lists compiled,
//! with a [prefilter](prefilter) per pattern and [word sets](words) for the
//! lists). A [`CompiledRule`] finds its matches through the [`matcher`];
//! a [`Scanner`] finds the words and literals of many rules in one pass.
//!
//! Every rule carries `examples` (text plus expected output, or the fields
//! of the figure the text yields) and `counter_examples` (text on which it
//! must find nothing, or whose figure must differ); `crate::check` runs them
//! all (it sits above `extract`, since figure and cue examples run the
//! target pass), and the CLI checks a user's rule folder before it is used,
//! so a rule that fails its own examples never reaches the store.

mod compile;
mod defaults;
mod examples;
mod lazy_regex;
mod matcher;
mod prefilter;
mod scan;
mod vocabulary;
mod words;

pub use compile::{BoilerplateDrop, CompiledRule};
pub use defaults::DEFAULT_RULE_FILES;
pub use examples::{FieldComparison, RawCounterExample, RawExample, TargetFields};
pub use lazy_regex::LazyRegex;
pub use matcher::RuleMatch;
pub use scan::{RuleHits, Scanner};
pub use vocabulary::{compounds_around, Vocabulary, VocabularyTable};
pub(crate) use words::FastHash;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
pub use crate::model::RuleKind;

/// A rule file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Named word lists that rules in any file use as `"@name"` inside a
    /// list (trim_left, words, exclude…), so shared vocabulary is written
    /// once, and that the extractors read ([`Vocabulary`]).
    #[serde(default)]
    pub vocabulary: VocabularyTable,
    #[serde(default)]
    pub rule: Vec<RawRule>,
}

/// One rule as written in a rule file. See README.md for the meaning of each key.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub kind: String,
    pub description: String,
    #[serde(default)]
    pub patterns: Vec<String>,
    #[serde(default)]
    pub words: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub exclude_suffixes: Vec<String>,
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    #[serde(default)]
    pub trim_left: Vec<String>,
    #[serde(default)]
    pub not_before: Vec<String>,
    #[serde(default)]
    pub exclude_prefixes: Vec<String>,
    #[serde(default)]
    pub stop_words: Vec<String>,
    #[serde(default)]
    pub stop_word_compounds: Vec<String>,
    #[serde(default)]
    pub exclude_patterns: Vec<String>,
    #[serde(default)]
    pub list_separators: Vec<String>,
    #[serde(default)]
    pub split_name_at: Vec<String>,
    #[serde(default)]
    pub boundary: Option<String>,
    #[serde(default)]
    pub min_chars: Option<usize>,
    #[serde(default)]
    pub max_chars: Option<usize>,
    #[serde(default)]
    pub priority: i32,
    #[serde(default)]
    pub rank: Option<u8>,
    #[serde(default)]
    pub inline: bool,
    #[serde(default)]
    pub hides_places: bool,
    #[serde(default)]
    pub drop: Option<String>,
    #[serde(default)]
    pub max_line_chars: Option<usize>,
    #[serde(default)]
    pub class: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub examples: Vec<RawExample>,
    #[serde(default)]
    pub counter_examples: Vec<RawCounterExample>,
}

/// A rule file's name and contents, before parsing.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// `rules/<file name>`: what a user's file replaces a default by, and
    /// what the rule-set hash reads (so a folder's place does not count).
    pub name: String,
    pub text: String,
    /// Where the file was read, for errors; `None` for a built-in file.
    pub path: Option<String>,
}

impl RuleSource {
    /// The file as errors name it: the path it was read from, or
    /// `rules/<name>` for a built-in file.
    pub fn shown(&self) -> &str {
        self.path.as_deref().unwrap_or(&self.name)
    }
}

/// The largest rule file read: far above any real one (the gazetteer is
/// under 1 MB), so a wrong file cannot eat the machine's memory.
const MAX_RULE_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// All rules, compiled once.
#[derive(Debug)]
pub struct CompiledRuleSet {
    pub rules: Vec<CompiledRule>,
    /// Hash of every rule file's name and contents: the store records it so a
    /// change of rules is noticed.
    pub hash: String,
    /// Which files the set was built from, in order.
    pub files: Vec<String>,
    /// Shared word lists (`[vocabulary]` tables of all files).
    vocabulary: Vocabulary,
}

impl CompiledRuleSet {
    /// The default rules shipped inside the binary.
    pub fn defaults() -> Result<CompiledRuleSet> {
        CompiledRuleSet::from_sources(default_sources())
    }

    /// Defaults, with files from `dir` replacing defaults of the same name and
    /// adding new ones.
    ///
    /// A user's folder has every regex compiled at once (the defaults
    /// compile on first use, and the tests compile them all), so a pattern
    /// over `regex`'s size limit is an error here, not in the middle of
    /// a run.
    pub fn load(dir: Option<&Path>) -> Result<CompiledRuleSet> {
        let set = CompiledRuleSet::from_sources(rule_sources(dir)?)?;
        if dir.is_some() {
            set.compile_all()?;
        }
        Ok(set)
    }

    /// Compiles every regex not compiled yet (see [`LazyRegex`]): the
    /// first that cannot be, as an error naming its rule.
    pub fn compile_all(&self) -> Result<()> {
        self.rules.iter().try_for_each(CompiledRule::compile_all)
    }

    /// Parses and compiles rule files. Errors name file, line and rule id.
    pub fn from_sources(sources: Vec<RuleSource>) -> Result<CompiledRuleSet> {
        let mut rules: Vec<CompiledRule> = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut parsed = Vec::with_capacity(sources.len());
        let mut tables = Vec::with_capacity(sources.len());
        for source in &sources {
            let mut file: RuleFile = toml::from_str(&source.text).map_err(|e| {
                let line = e
                    .span()
                    .map(|s| source.text[..s.start].matches('\n').count() + 1)
                    .unwrap_or(0);
                Error::Rule {
                    file: source.shown().to_string(),
                    line,
                    rule: rule_id_before(&source.text, e.span().map(|s| s.start)),
                    message: e.message().trim().to_string(),
                }
            })?;
            tables.push((
                source.shown().to_string(),
                std::mem::take(&mut file.vocabulary),
            ));
            parsed.push((source, file));
        }
        let vocabulary = Vocabulary::merge(tables)?;
        for (source, file) in parsed {
            for mut raw in file.rule {
                let line = line_of_rule(&source.text, &raw.id);
                if let Some(other) = seen.get(&raw.id) {
                    return Err(Error::Rule {
                        file: source.shown().to_string(),
                        line,
                        rule: raw.id.clone(),
                        message: format!("duplicate rule id (also defined in {other}); give each rule its own id"),
                    });
                }
                seen.insert(raw.id.clone(), source.shown().to_string());
                expand_vocabulary(&mut raw, &vocabulary).map_err(|name| Error::Rule {
                    file: source.shown().to_string(),
                    line,
                    rule: raw.id.clone(),
                    message: format!("unknown vocabulary list \"@{name}\"; define it under [vocabulary.custom] in a rule file"),
                })?;
                rules.push(compile::compile(raw, source.shown(), line)?);
            }
        }
        // Aliases name one node per kind: every rule of a kind maps through
        // all of that kind's aliases, whichever rule found the name.
        let mut by_kind: BTreeMap<RuleKind, BTreeMap<String, String>> = BTreeMap::new();
        for r in &rules {
            by_kind
                .entry(r.kind)
                .or_default()
                .extend(r.aliases().clone());
        }
        let lookups: BTreeMap<RuleKind, _> = by_kind
            .iter()
            .map(|(kind, all)| (*kind, words::alias_lookup(all)))
            .collect();
        for r in &mut rules {
            if let (Some(all), Some(lookup)) = (by_kind.get(&r.kind), lookups.get(&r.kind)) {
                r.set_aliases(all.clone(), lookup.clone());
            }
        }
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for s in &sources {
            hasher.update(s.name.as_bytes());
            hasher.update(&[0]);
            hasher.update(s.text.as_bytes());
            hasher.update(&[0]);
        }
        Ok(CompiledRuleSet {
            rules,
            hash: format!("{:016x}", hasher.digest()),
            files: sources.into_iter().map(|s| s.name).collect(),
            vocabulary,
        })
    }

    /// Rules of one kind, in file order.
    pub fn of_kind(&self, kind: RuleKind) -> impl Iterator<Item = &CompiledRule> {
        self.rules.iter().filter(move |r| r.kind == kind)
    }

    /// The shared word lists, one typed field per list
    /// (`rules.vocabulary().stop_words`).
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    pub fn get(&self, id: &str) -> Option<&CompiledRule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// Replaces every `"@name"` entry of a rule's word lists by the vocabulary
/// list of that name. Returns the unknown name on failure.
fn expand_vocabulary(
    raw: &mut RawRule,
    vocabulary: &Vocabulary,
) -> std::result::Result<(), String> {
    for list in [
        &mut raw.words,
        &mut raw.trim_left,
        &mut raw.exclude,
        &mut raw.exclude_prefixes,
        &mut raw.exclude_suffixes,
        &mut raw.not_before,
        &mut raw.stop_words,
        &mut raw.stop_word_compounds,
    ] {
        vocabulary::expand(list, vocabulary)?;
    }
    Ok(())
}

/// The default files, with those of `dir` replacing defaults of the same
/// name and adding new ones.
fn rule_sources(dir: Option<&Path>) -> Result<Vec<RuleSource>> {
    let mut sources = default_sources();
    if let Some(dir) = dir {
        for user in read_rule_dir(dir)? {
            match sources.iter_mut().find(|s| s.name == user.name) {
                Some(existing) => *existing = user,
                None => sources.push(user),
            }
        }
    }
    Ok(sources)
}

fn default_sources() -> Vec<RuleSource> {
    DEFAULT_RULE_FILES
        .iter()
        .map(|(name, text)| RuleSource {
            name: format!("rules/{name}"),
            text: text.to_string(),
            path: None,
        })
        .collect()
}

/// The aliases of the metric rules (GDP → 地区生产总值's canonical name),
/// from the default files and those of `dir`, read without compiling
/// anything: what a query needs to take a metric as a user types it.
pub fn metric_aliases(dir: Option<&Path>) -> Result<BTreeMap<String, String>> {
    Ok(name_aliases(dir)?
        .into_iter()
        .filter(|(kind, _, _)| kind == "metric")
        .map(|(_, alias, canonical)| (alias, canonical))
        .collect())
}

/// Every alias of every rule as (kind, alias, canonical name), from the
/// default files and those of `dir`, read without compiling anything:
/// what a query needs to take a name as a user types it (GDP, 规上工业增加值).
pub fn name_aliases(dir: Option<&Path>) -> Result<Vec<(String, String, String)>> {
    #[derive(Deserialize)]
    struct AliasFile {
        #[serde(default)]
        rule: Vec<AliasRule>,
    }
    #[derive(Deserialize)]
    struct AliasRule {
        kind: String,
        #[serde(default)]
        aliases: BTreeMap<String, String>,
    }
    // Only files that hold aliases are parsed.
    let has_aliases =
        regex::Regex::new(r"(?m)^\s*(aliases\s*=|\[rule\.aliases\])").expect("aliases regex");
    let mut aliases = Vec::new();
    for source in rule_sources(dir)?
        .iter()
        .filter(|s| has_aliases.is_match(&s.text))
    {
        let file: AliasFile = toml::from_str(&source.text).map_err(|e| Error::RuleFile {
            file: source.shown().to_string(),
            message: e.message().trim().to_string(),
        })?;
        for rule in file.rule {
            for (alias, canonical) in rule.aliases {
                aliases.push((rule.kind.clone(), alias, canonical));
            }
        }
    }
    Ok(aliases)
}

/// Reads every `*.toml` in `dir` (not recursive), sorted by name.
pub fn read_rule_dir(dir: &Path) -> Result<Vec<RuleSource>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Error::RuleFile {
            file: dir.display().to_string(),
            message:
                "no .toml rule files in this folder; pass the folder that holds your rule files"
                    .into(),
        });
    }
    paths
        .into_iter()
        .map(|p| {
            Ok(RuleSource {
                name: format!(
                    "rules/{}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                ),
                text: read_rule_file(&p)?,
                path: Some(p.display().to_string()),
            })
        })
        .collect()
}

/// The text of one rule file: a regular file (a link to one is fine) of
/// at most [`MAX_RULE_FILE_BYTES`]; a FIFO, a device or a huge file is an
/// error naming it, never a hang.
fn read_rule_file(path: &Path) -> Result<String> {
    let refuse = |message: String| Error::RuleFile {
        file: path.display().to_string(),
        message,
    };
    let io = |e: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(refuse(
            "not a regular file (a folder, pipe or device); rule files are plain TOML files".into(),
        ));
    }
    if meta.len() > MAX_RULE_FILE_BYTES {
        return Err(refuse(format!(
            "{} MB, more than a rule file may hold ({} MB); split it or check that this is the right file",
            meta.len() / (1024 * 1024),
            MAX_RULE_FILE_BYTES / (1024 * 1024)
        )));
    }
    let mut text = String::new();
    use std::io::Read;
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_RULE_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(io)?;
    if text.len() as u64 > MAX_RULE_FILE_BYTES {
        return Err(refuse(
            "grew past the size a rule file may hold while it was read".into(),
        ));
    }
    Ok(text)
}

/// Line (1-based) where the rule with `id` is defined, 0 if not found.
fn line_of_rule(text: &str, id: &str) -> usize {
    let quoted = [format!("\"{id}\""), format!("'{id}'")];
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.starts_with("id") && quoted.iter().any(|q| t.contains(q.as_str()))
        })
        .map(|i| i + 1)
        .unwrap_or(0)
}

/// The id of the last rule defined before byte `at`, for error messages about
/// a file that did not parse.
fn rule_id_before(text: &str, at: Option<usize>) -> String {
    let upto = &text[..at.unwrap_or(text.len()).min(text.len())];
    upto.lines()
        .rev()
        .find_map(|l| {
            let t = l.trim_start();
            let rest = t.strip_prefix("id")?.trim_start().strip_prefix('=')?.trim();
            Some(rest.trim_matches(|c| c == '"' || c == '\'').to_string())
        })
        .unwrap_or_else(|| "-".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The defaults, with `text` as one more user file.
    fn with_user_file(text: &str) -> Result<CompiledRuleSet> {
        let mut sources = default_sources();
        sources.push(RuleSource {
            name: "rules/mine.toml".into(),
            text: text.into(),
            path: None,
        });
        CompiledRuleSet::from_sources(sources)
    }

    /// The defaults' regexes, compiled on first use, all compile.
    #[test]
    fn every_default_regex_compiles() {
        CompiledRuleSet::defaults().unwrap().compile_all().unwrap();
    }

    #[test]
    fn the_vocabulary_is_typed() {
        let rules = CompiledRuleSet::defaults().unwrap();
        let v = rules.vocabulary();
        assert!(v.stop_words.iter().any(|w| w == "会同"));
        assert!(v.serves_cues.iter().any(|w| w == "围绕"));
        for name in Vocabulary::NAMES {
            let list = v.field(name).unwrap();
            assert!(!list.is_empty(), "{name} is empty");
        }
        assert!(v.field("stop_wrods").is_none());
    }

    #[test]
    fn a_misspelt_list_in_a_rule_file_names_the_file_and_the_list() {
        let err = with_user_file("[vocabulary]\nserves_cue = [\"助推\"]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("rules/mine.toml:2:") && err.contains("unknown field `serves_cue`"),
            "{err}"
        );
    }

    #[test]
    fn a_list_no_file_defines_is_named() {
        let mut sources = default_sources();
        let goals = sources
            .iter_mut()
            .find(|s| s.name == "rules/goals.toml")
            .unwrap();
        goals.text = goals.text.replace("member_prefixes = [\"大\"]", "");
        let err = CompiledRuleSet::from_sources(sources)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("\"member_prefixes\" is not defined in any rule file"),
            "{err}"
        );
    }

    #[test]
    fn custom_lists_can_be_referred_to_with_an_at_sign() {
        let rules = with_user_file(
            r#"[vocabulary.custom]
lake_names = ["青龙湖", "月亮湖"]

[[rule]]
id = "lake-wetland"
kind = "project"
description = "Wetlands named after the district's lakes."
words = ["@lake_names湿地公园"]
examples = [{ text = "修复月亮湖湿地公园", expect = ["月亮湖湿地公园"] }]
"#,
        )
        .unwrap();
        assert_eq!(
            rules.get("lake-wetland").unwrap().words_list,
            ["青龙湖湿地公园", "月亮湖湿地公园"]
        );
        assert_eq!(
            rules.vocabulary().custom["lake_names"],
            ["青龙湖", "月亮湖"]
        );
        let err = with_user_file(
            r#"[[rule]]
id = "lake-wetland"
kind = "project"
description = "d"
words = ["@lakes"]
examples = [{ text = "x", expect = [] }]
"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with(
                "rules/mine.toml:2: rule lake-wetland: unknown vocabulary list \"@lakes\""
            ),
            "{err}"
        );
    }
}

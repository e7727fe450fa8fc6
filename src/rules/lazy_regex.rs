//! A rule regex checked when its rule file loads and compiled when it is
//! first searched.
//!
//! Compiling the default rules' ~200 regexes (Han classes, dozens of
//! suffixes) was most of the start of every process: about 220 M of the
//! 490 M instructions of `ptkg extract` on a 1 KB file. Most patterns have a
//! literal [prefilter](super::prefilter) and never run on a text without
//! their literals, so a short document needs few of them. The syntax is
//! checked at load, with the same parser and settings `regex` uses, so a
//! broken pattern is still an error naming its rule before any text is
//! read; only a pattern over `regex`'s size limit would fail later, and
//! [`LazyRegex::compile_now`] (run for a user's rule folder and by `ptkg
//! rules check`) finds that at load too.

use std::sync::{Arc, OnceLock};

use regex::Regex;
use regex_syntax::hir::{Hir, HirKind};

/// A regex compiled on first use; clones share the compiled regex.
#[derive(Debug, Clone)]
pub struct LazyRegex(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    source: String,
    /// The lazy DFA's cache size, when not `regex`'s default.
    dfa_cache: Option<usize>,
    /// Capture group names by index (index 0, the whole match, unnamed).
    names: Vec<Option<String>>,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// Checks `source`'s syntax (the error is `regex`'s, as its message
    /// reads) and returns it with its syntax tree, uncompiled.
    pub fn new(source: &str, dfa_cache: Option<usize>) -> Result<(LazyRegex, Hir), String> {
        let hir = regex_syntax::Parser::new()
            .parse(source)
            .map_err(|e| e.to_string())?;
        let mut names = vec![None];
        capture_names(&hir, &mut names);
        Ok((
            LazyRegex(Arc::new(Inner {
                source: source.to_string(),
                dfa_cache,
                names,
                compiled: OnceLock::new(),
            })),
            hir,
        ))
    }

    /// The compiled regex, compiled now if this is its first use.
    ///
    /// # Panics
    /// When the pattern, whose syntax was checked, is over `regex`'s size
    /// limit; [`LazyRegex::compile_now`] reports that as an error instead.
    pub fn get(&self) -> &Regex {
        self.0.compiled.get_or_init(|| {
            self.build().unwrap_or_else(|e| {
                panic!(
                    "rule regex {:?} does not compile: {e}; run `ptkg rules check`",
                    self.0.source
                )
            })
        })
    }

    /// Compiles the regex now: the error when it cannot be.
    pub fn compile_now(&self) -> Result<(), regex::Error> {
        if self.0.compiled.get().is_none() {
            let re = self.build()?;
            let _ = self.0.compiled.set(re);
        }
        Ok(())
    }

    /// The names of its capture groups by index, as
    /// [`Regex::capture_names`] gives them (without compiling).
    pub fn capture_names(&self) -> impl Iterator<Item = Option<&str>> {
        self.0.names.iter().map(|n| n.as_deref())
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.0.source
    }

    fn build(&self) -> Result<Regex, regex::Error> {
        let mut builder = regex::RegexBuilder::new(&self.0.source);
        if let Some(bytes) = self.0.dfa_cache {
            builder.dfa_size_limit(bytes);
        }
        builder.build()
    }
}

/// Adds the names of `hir`'s capture groups at their indices.
fn capture_names(hir: &Hir, names: &mut Vec<Option<String>>) {
    match hir.kind() {
        HirKind::Capture(c) => {
            let i = c.index as usize;
            if names.len() <= i {
                names.resize(i + 1, None);
            }
            names[i] = c.name.as_deref().map(str::to_string);
            capture_names(&c.sub, names);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for s in subs {
                capture_names(s, names);
            }
        }
        HirKind::Repetition(r) => capture_names(&r.sub, names),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names read from the syntax tree are the compiled regex's.
    #[test]
    fn capture_names_match_the_compiled_regex() {
        for p in [
            r"(?P<name>[\p{Han}]{2,8}产业园)",
            r"^(?P<number>[一二三])、(?:x(y)|(?<title>z+))*(q)",
            r"plain",
            r"((a)(?P<b>b))|(?P<c>c)",
        ] {
            let (lazy, _) = LazyRegex::new(p, None).unwrap();
            let names: Vec<Option<&str>> = lazy.capture_names().collect();
            let compiled = Regex::new(p).unwrap();
            let want: Vec<Option<&str>> = compiled.capture_names().collect();
            assert_eq!(names, want, "{p}");
            assert!(lazy.0.compiled.get().is_none(), "not compiled by asking");
            assert_eq!(lazy.get().as_str(), p);
        }
    }

    /// A syntax error is `regex`'s own message; a pattern over the size
    /// limit passes the check and fails when compiled now.
    #[test]
    fn errors_read_as_regex_reports_them() {
        let broken = String::from("(工程");
        let e = LazyRegex::new(&broken, None).unwrap_err();
        let want = Regex::new(&broken).unwrap_err().to_string();
        assert_eq!(e, want);
        let (huge, _) = LazyRegex::new(r"\w{1000}\w{1000}\w{1000}", None).unwrap();
        assert!(huge.compile_now().is_err());
    }
}

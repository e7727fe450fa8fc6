//! Rule examples as written: what a rule must find in a text, what it must
//! not, and what it must do to the figure a sentence yields.
//!
//! The examples come in with their rule ([`super::RawRule`]) and stay as
//! written in the compiled rule; `crate::check` runs them (it sits above
//! `extract`, since target examples run the target pass) and `ptkg rules
//! explain` prints them through their `Display`. A cue rule (unit,
//! qualifier, change, status) shows its effect on a figure with
//! `expect_target = { status = "target" }` and, in a counter-example,
//! `reject_target = { … }`: the fields of [`TargetFields`] are compared
//! with the one figure the text yields.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

use crate::model::{Change, Qualifier, Status, Target, UnknownValue};

/// An example: the rule must find exactly `expect` in `text`; with
/// `expect_target`, the one figure the text yields must have those fields
/// (and the rule must find its cue in the text).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    pub text: String,
    #[serde(default)]
    pub expect: Vec<String>,
    #[serde(default)]
    pub expect_target: Option<TargetFields>,
}

/// A counter-example: a text on which the rule must find nothing (written
/// as a plain string), or, as a table with `reject_target`, a text whose
/// figures must each differ from every field given.
#[derive(Debug, Clone)]
pub struct RawCounterExample {
    pub text: String,
    pub reject_target: Option<TargetFields>,
}

/// Fields of a figure, as the `summary` line of a target spells them
/// (`value` as "8", "0.5" or "XX"). Only the fields given are compared.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TargetFields {
    pub metric: Option<String>,
    pub value: Option<String>,
    pub unit: Option<String>,
    pub change: Option<String>,
    pub qualifier: Option<String>,
    pub status: Option<String>,
}

/// One field of an example compared with a figure's: the value expected,
/// the figure's (spelt as in [`Target::summary`]) and whether they are the
/// same (the classified fields compared as [`Change`], [`Qualifier`] and
/// [`Status`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldComparison {
    pub name: &'static str,
    pub expected: String,
    pub found: String,
    pub same: bool,
}

impl TargetFields {
    /// The fields given, as (name, value), in a fixed order.
    pub fn given(&self) -> Vec<(&'static str, &str)> {
        [
            ("metric", &self.metric),
            ("value", &self.value),
            ("unit", &self.unit),
            ("change", &self.change),
            ("qualifier", &self.qualifier),
            ("status", &self.status),
        ]
        .into_iter()
        .filter_map(|(name, v)| v.as_deref().map(|v| (name, v)))
        .collect()
    }

    /// Refuses an empty table and values no figure can have, so a typo is
    /// an error when the rule compiles, not an example that never passes.
    pub fn check(&self) -> Result<(), String> {
        if self.given().is_empty() {
            return Err("a target example names no field; give one or more of metric, value, unit, change, qualifier, status".into());
        }
        allowed::<Change>("change", &self.change)?;
        allowed::<Qualifier>("qualifier", &self.qualifier)?;
        allowed::<Status>("status", &self.status)?;
        Ok(())
    }

    /// The fields given, each compared with `target`'s.
    pub fn compare(&self, target: &Target) -> Vec<FieldComparison> {
        self.given()
            .into_iter()
            .map(|(name, expected)| {
                let f = &target.figures;
                let (found, same) = match name {
                    "metric" => (f.metric.clone(), None),
                    "unit" => (f.unit.clone(), None),
                    "change" => (f.change.to_string(), Some(expected.parse() == Ok(f.change))),
                    "qualifier" => (
                        f.qualifier.to_string(),
                        Some(expected.parse() == Ok(f.qualifier)),
                    ),
                    "status" => (f.status.to_string(), Some(expected.parse() == Ok(f.status))),
                    // The summary spells the value (a number, or XX when redacted).
                    _ => (target.summary_value(), None),
                };
                FieldComparison {
                    name,
                    same: same.unwrap_or(expected == found),
                    expected: expected.to_string(),
                    found,
                }
            })
            .collect()
    }
}

/// Refuses a value the field `name` cannot take, naming the ones it can.
fn allowed<T: FromStr<Err = UnknownValue>>(
    name: &str,
    value: &Option<String>,
) -> Result<(), String> {
    match value.as_deref().map(str::parse::<T>) {
        Some(Err(e)) => Err(format!(
            "{name} = {:?} in a target example; expected one of {}",
            e.found,
            e.allowed.join(", ")
        )),
        _ => Ok(()),
    }
}

impl fmt::Display for TargetFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields: Vec<String> = self
            .given()
            .into_iter()
            .map(|(name, v)| format!("{name} = {v:?}"))
            .collect();
        write!(f, "{{ {} }}", fields.join(", "))
    }
}

impl fmt::Display for RawExample {
    /// The text, then what the rule must find and what the figure must be.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  {}", self.text)?;
        if !self.expect.is_empty() || self.expect_target.is_none() {
            writeln!(f, "    → {:?}", self.expect)?;
        }
        if let Some(t) = &self.expect_target {
            writeln!(f, "    → figure {t}")?;
        }
        Ok(())
    }
}

impl fmt::Display for RawCounterExample {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  {}", self.text)?;
        if let Some(t) = &self.reject_target {
            writeln!(f, "    → figure not {t}")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for RawCounterExample {
    /// A plain string, or a table `{ text = "…", reject_target = { … } }`
    /// (unknown keys refused, as everywhere in rule files).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Table {
            text: String,
            reject_target: TargetFields,
        }
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawCounterExample;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text, or a table with text and reject_target")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawCounterExample {
                    text: v.to_string(),
                    reject_target: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let t = Table::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawCounterExample {
                    text: t.text,
                    reject_target: Some(t.reject_target),
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Examples {
        examples: Vec<RawExample>,
        counter_examples: Vec<RawCounterExample>,
    }

    fn parse(text: &str) -> Result<Examples, toml::de::Error> {
        toml::from_str(text)
    }

    #[test]
    fn cue_examples_read_target_fields() {
        let e = parse(
            r#"examples = [{ text = "力争全区粮食产量稳定在3万吨", expect_target = { status = "target", unit = "万吨" } }]
counter_examples = ["乡镇卫生院", { text = "去年接待游客20万人次", reject_target = { status = "target" } }]"#,
        )
        .unwrap();
        let t = e.examples[0].expect_target.as_ref().unwrap();
        assert_eq!(t.given(), [("unit", "万吨"), ("status", "target")]);
        assert!(t.check().is_ok());
        assert_eq!(e.counter_examples[0].text, "乡镇卫生院");
        assert!(e.counter_examples[0].reject_target.is_none());
        let r = e.counter_examples[1].reject_target.as_ref().unwrap();
        assert_eq!(r.status.as_deref(), Some("target"));
    }

    #[test]
    fn a_misspelt_field_or_value_is_refused() {
        let err = parse(
            r#"examples = [{ text = "x", expect_target = { stauts = "target" } }]
counter_examples = []"#,
        )
        .err()
        .unwrap();
        assert!(err.message().contains("stauts"), "{}", err.message());
        let err = parse(
            r#"examples = []
counter_examples = [{ text = "x", reject_target = { status = "target" }, note = "y" }]"#,
        )
        .err()
        .unwrap();
        assert!(err.message().contains("note"), "{}", err.message());
        let bad = TargetFields {
            status: Some("planned".into()),
            ..Default::default()
        };
        assert!(bad
            .check()
            .unwrap_err()
            .contains("target, actual, forecast"));
        assert!(TargetFields::default().check().is_err());
    }

    #[test]
    fn examples_print_what_they_expect() {
        let e = parse(
            r#"examples = [{ text = "新建村级卫生室12个", expect_target = { value = "12", unit = "个" } }]
counter_examples = [{ text = "累计建成12个", reject_target = { status = "target" } }]"#,
        )
        .unwrap();
        assert_eq!(
            e.examples[0].to_string(),
            "  新建村级卫生室12个\n    → figure { value = \"12\", unit = \"个\" }\n"
        );
        assert_eq!(
            e.counter_examples[0].to_string(),
            "  累计建成12个\n    → figure not { status = \"target\" }\n"
        );
    }
}

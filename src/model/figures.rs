//! A target's figures: the typed part of a [`Target`] without its position
//! or what it is about (metric, value, unit, change, qualifier, status,
//! year, direction …). A [`Target`] holds them; the store keeps them with
//! the names the target is about as a [`TargetRecord`] (postcard), and the
//! queries read them back as they are; exporters get them as string
//! attributes from [`TargetRecord::attrs`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{format_number, Change, Direction, Qualifier, Status, Target};

/// The figures of one target. Every field is always written: the store
/// encodes them with postcard, which is not self-describing, so a skipped
/// field would break decoding (and the JSON schema stays stable: an absent
/// `value_max` or `period` prints as null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetFigures {
    pub metric: String,
    pub value: Option<f64>,
    pub value_max: Option<f64>,
    pub value_text: String,
    pub redacted: bool,
    pub unit: String,
    pub base_value: Option<f64>,
    pub base_unit: String,
    pub change: Change,
    pub qualifier: Qualifier,
    pub status: Status,
    pub year: Option<i32>,
    /// The plan period it is stated for (“十四五”期间); never empty.
    pub period: Option<String>,
    /// Which way a growth or difference goes; None for a level or a
    /// share (a negative level is a decrease).
    pub direction: Option<Direction>,
    /// The value with the direction applied (下降3% → -3, 增长-3.2% →
    /// -3.2); a level keeps its value; None when anonymised.
    pub signed_value: Option<f64>,
    /// Whose figure it is: the document's jurisdiction, or the place the
    /// sentence opens with when that is another (桃源镇新建…); None when
    /// neither is known.
    pub jurisdiction: Option<String>,
}

impl Default for TargetFigures {
    /// An exact level stated as a target, with nothing else known.
    fn default() -> TargetFigures {
        TargetFigures {
            metric: String::new(),
            value: None,
            value_max: None,
            value_text: String::new(),
            redacted: false,
            unit: String::new(),
            base_value: None,
            base_unit: String::new(),
            change: Change::Level,
            qualifier: Qualifier::Exact,
            status: Status::Target,
            year: None,
            period: None,
            direction: None,
            signed_value: None,
            jurisdiction: None,
        }
    }
}

impl TargetFigures {
    /// The node's display name: metric and value as written.
    pub fn display_name(&self) -> String {
        format!("{} {}", self.metric, self.value_text)
    }

    /// The figures as the exporters print a target's attributes: numbers
    /// without a trailing `.0`, `redacted` only when true, empty fields
    /// left out.
    pub fn attrs(&self) -> BTreeMap<String, String> {
        let mut attrs = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            if !v.is_empty() {
                attrs.insert(k.to_string(), v);
            }
        };
        let number = |v: Option<f64>| v.map(format_number).unwrap_or_default();
        put("metric", self.metric.clone());
        put("value", number(self.value));
        put("value_max", number(self.value_max));
        put("value_text", self.value_text.clone());
        put(
            "redacted",
            if self.redacted {
                "true".into()
            } else {
                String::new()
            },
        );
        put("unit", self.unit.clone());
        put("base_value", number(self.base_value));
        put("base_unit", self.base_unit.clone());
        put("change", self.change.as_str().into());
        put("qualifier", self.qualifier.as_str().into());
        put("status", self.status.as_str().into());
        put("year", self.year.map(|y| y.to_string()).unwrap_or_default());
        put("period", self.period.clone().unwrap_or_default());
        put(
            "direction",
            self.direction
                .map(|d| d.as_str().into())
                .unwrap_or_default(),
        );
        put("signed_value", number(self.signed_value));
        put(
            "jurisdiction",
            self.jurisdiction.clone().unwrap_or_default(),
        );
        attrs
    }
}

/// A target as the store keeps it: its figures and the names of the
/// entities it is about (the store needs names, not the extraction's node
/// references).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetRecord {
    pub figures: TargetFigures,
    pub about: Vec<String>,
}

impl From<&Target> for TargetRecord {
    fn from(t: &Target) -> TargetRecord {
        TargetRecord {
            figures: t.figures.clone(),
            about: t.about.iter().map(|r| r.name.to_string()).collect(),
        }
    }
}

impl TargetRecord {
    /// Whether the target is about the entity named exactly `name`.
    pub fn is_about(&self, name: &str) -> bool {
        self.about.iter().any(|a| a == name)
    }

    /// The figures' attributes (see [`TargetFigures::attrs`]) and the
    /// names it is about, joined by 、.
    pub fn attrs(&self) -> BTreeMap<String, String> {
        let mut attrs = self.figures.attrs();
        if !self.about.is_empty() {
            attrs.insert("about".into(), self.about.join("、"));
        }
        attrs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> TargetRecord {
        TargetRecord {
            figures: TargetFigures {
                metric: "社会消费品零售总额".into(),
                value: Some(8.5),
                value_text: "8.5%".into(),
                unit: "%".into(),
                base_value: Some(8.5),
                base_unit: "%".into(),
                change: Change::Growth,
                qualifier: Qualifier::About,
                status: Status::Target,
                year: Some(2022),
                direction: Some(Direction::Increase),
                signed_value: Some(8.5),
                ..TargetFigures::default()
            },
            about: vec!["临江区".into(), "白沙镇".into()],
        }
    }

    #[test]
    fn attributes_print_the_figures_as_before() {
        let a = record().attrs();
        assert_eq!(a["value"], "8.5");
        assert_eq!(a["year"], "2022");
        assert_eq!(a["about"], "临江区、白沙镇");
        assert_eq!(
            (a["change"].as_str(), a["qualifier"].as_str()),
            ("growth", "about")
        );
        // Exports no longer drop the direction and the signed value.
        assert_eq!(a["direction"], "increase");
        assert_eq!(a["signed_value"], "8.5");
        // Empty and false fields are left out.
        assert!(!a.contains_key("redacted") && !a.contains_key("value_max"));
        assert!(!a.contains_key("period"));
        let mut whole = record();
        whole.figures.value = Some(6.0);
        assert_eq!(whole.attrs()["value"], "6");
    }

    #[test]
    fn about_matches_whole_names_only() {
        let r = record();
        assert!(r.is_about("临江区"));
        assert!(!r.is_about("江区"));
        assert!(!r.is_about("临江"));
    }

    #[test]
    fn records_survive_postcard() {
        let mut r = record();
        r.figures.redacted = true;
        r.figures.value_max = Some(10.0);
        r.figures.period = Some("“十四五”期间".into());
        let bytes = postcard::to_stdvec(&r).unwrap();
        assert_eq!(postcard::from_bytes::<TargetRecord>(&bytes).unwrap(), r);
    }

    #[test]
    fn absent_fields_print_as_null_in_json() {
        let json = serde_json::to_value(&record().figures).unwrap();
        assert!(json["value_max"].is_null() && json["period"].is_null());
        assert_eq!(json["status"], "target");
    }
}

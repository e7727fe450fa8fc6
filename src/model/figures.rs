//! A target's figures as the store keeps them: the typed part of a
//! [`Target`] without its position (metric, value, unit, change, qualifier,
//! status, year, what it is about). Built from an extracted target, stored
//! as postcard, read back by the queries as it is; exporters get the same
//! figures as string attributes from [`TargetFigures::attrs`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{format_number, Target};

/// The figures of one target.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetFigures {
    pub metric: String,
    pub value: Option<f64>,
    pub value_max: Option<f64>,
    pub value_text: String,
    pub redacted: bool,
    pub unit: String,
    pub base_value: Option<f64>,
    pub base_unit: String,
    pub change: String,
    pub qualifier: String,
    pub status: String,
    pub year: Option<i32>,
    /// `None` also for an empty period: the two print alike.
    pub period: Option<String>,
    /// Names of the entities the target is about (in its sentence).
    pub about: Vec<String>,
}

impl From<&Target> for TargetFigures {
    fn from(t: &Target) -> TargetFigures {
        TargetFigures {
            metric: t.metric.clone(),
            value: t.value,
            value_max: t.value_max,
            value_text: t.value_text.clone(),
            redacted: t.redacted,
            unit: t.unit.clone(),
            base_value: t.base_value,
            base_unit: t.base_unit.clone(),
            change: t.change.clone(),
            qualifier: t.qualifier.clone(),
            status: t.status.clone(),
            year: t.year,
            period: t.period.clone().filter(|p| !p.is_empty()),
            about: t.about.iter().map(|r| r.name.to_string()).collect(),
        }
    }
}

impl TargetFigures {
    /// The node's display name: metric and value as written.
    pub fn display_name(&self) -> String {
        format!("{} {}", self.metric, self.value_text)
    }

    /// Whether the target is about the entity named exactly `name`.
    pub fn is_about(&self, name: &str) -> bool {
        self.about.iter().any(|a| a == name)
    }

    /// The figures as the exporters print a target's attributes: numbers
    /// without a trailing `.0`, `redacted` only when true, the names it is
    /// about joined by 、, empty fields left out.
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
        put("change", self.change.clone());
        put("qualifier", self.qualifier.clone());
        put("status", self.status.clone());
        put("year", self.year.map(|y| y.to_string()).unwrap_or_default());
        put("period", self.period.clone().unwrap_or_default());
        put("about", self.about.join("、"));
        attrs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures() -> TargetFigures {
        TargetFigures {
            metric: "社会消费品零售总额".into(),
            value: Some(8.5),
            value_text: "8.5%".into(),
            unit: "%".into(),
            base_value: Some(8.5),
            base_unit: "%".into(),
            change: "growth".into(),
            qualifier: "about".into(),
            status: "target".into(),
            year: Some(2022),
            about: vec!["临江区".into(), "白沙镇".into()],
            ..TargetFigures::default()
        }
    }

    #[test]
    fn attributes_print_the_figures_as_before() {
        let a = figures().attrs();
        assert_eq!(a["value"], "8.5");
        assert_eq!(a["year"], "2022");
        assert_eq!(a["about"], "临江区、白沙镇");
        // Empty and false fields are left out.
        assert!(!a.contains_key("redacted") && !a.contains_key("value_max"));
        assert!(!a.contains_key("period"));
        let whole = TargetFigures {
            value: Some(6.0),
            ..figures()
        };
        assert_eq!(whole.attrs()["value"], "6");
    }

    #[test]
    fn about_matches_whole_names_only() {
        let f = figures();
        assert!(f.is_about("临江区"));
        assert!(!f.is_about("江区"));
        assert!(!f.is_about("临江"));
    }

    #[test]
    fn figures_survive_postcard() {
        let f = TargetFigures {
            redacted: true,
            value_max: Some(10.0),
            period: Some("“十四五”期间".into()),
            ..figures()
        };
        let bytes = postcard::to_stdvec(&f).unwrap();
        assert_eq!(postcard::from_bytes::<TargetFigures>(&bytes).unwrap(), f);
    }
}

//! The classified fields of a figure: its status (a target, an actual
//! figure, a forecast), the change it states (a level, a growth, a share, a
//! difference), its qualifier (至少, 以内, 左右, a range, exact) and which way
//! it moves. The target passes write them, the store keeps them (postcard)
//! and every output prints them as their snake_case names.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A name that is not one of a field's values, with the values allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub field: &'static str,
    pub found: String,
    pub allowed: &'static [&'static str],
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?}; expected one of {}",
            self.field,
            self.found,
            self.allowed.join(", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

/// One field's enum with its names: `as_str`, `FromStr` (an error naming the
/// allowed values), `Display`, and serde as the same snake_case names.
macro_rules! figure_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $field:literal {
            $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// Every value's name, as printed.
            pub const NAMES: &'static [&'static str] = &[$($text,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<$name, UnknownValue> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| UnknownValue {
                        field: $field,
                        found: s.to_string(),
                        allowed: $name::NAMES,
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

figure_enum! {
    /// Whether a figure is aimed at, already reached, or expected.
    Status, "status" {
        /// 力争, 确保, 预期目标: what a speech commits to.
        Target => "target",
        /// 完成, 实现, 同比: what was reached.
        Actual => "actual",
        /// 预计, 有望: what is expected without a commitment.
        Forecast => "forecast",
    }
}

figure_enum! {
    /// What a figure states about its metric.
    Change, "change" {
        /// The amount itself (达到500亿元).
        Level => "level",
        /// A rate of change (增长6%).
        Growth => "growth",
        /// A part of a whole (占比30%, 覆盖率95%).
        Share => "share",
        /// A change in percentage points (下降2个百分点).
        Difference => "difference",
    }
}

figure_enum! {
    /// How exactly a figure is stated.
    Qualifier, "qualifier" {
        /// 以上, 不低于, 至少.
        AtLeast => "at_least",
        /// 以内, 以下, 不超过.
        AtMost => "at_most",
        /// 左右, 约.
        About => "about",
        /// 6%-7%, 6至7个百分点.
        Range => "range",
        /// No qualifier.
        Exact => "exact",
    }
}

figure_enum! {
    /// Which way a figure moves: printed as "increase" or "decrease".
    Direction, "direction" {
        /// 增长, 提高, 增加, 上升.
        Increase => "increase",
        /// 下降, 减少, 降低, 压减, 回落, 负增长, a minus sign.
        Decrease => "decrease",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_from_str_and_serde() {
        for q in Qualifier::ALL {
            assert_eq!(q.as_str().parse::<Qualifier>(), Ok(*q));
            let json = serde_json::to_string(q).unwrap();
            assert_eq!(json, format!("{:?}", q.as_str()));
        }
        assert_eq!("share".parse::<Change>(), Ok(Change::Share));
        assert_eq!(Status::Forecast.to_string(), "forecast");
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_allowed_ones() {
        let err = "planned".parse::<Status>().unwrap_err().to_string();
        assert_eq!(
            err,
            r#"unknown status "planned"; expected one of target, actual, forecast"#
        );
    }

    #[test]
    fn enums_survive_postcard() {
        let v = (Status::Actual, Change::Difference, Qualifier::AtMost);
        let bytes = postcard::to_stdvec(&v).unwrap();
        assert_eq!(
            postcard::from_bytes::<(Status, Change, Qualifier)>(&bytes).unwrap(),
            v
        );
    }
}

//! Numerals as Chinese speeches write them: 6.5, 1,200, -3.2, 三千五百, 两,
//! 百分之五, 负三, financial capitals (壹仟贰佰), 廿/卅, the colloquial forms
//! that leave the last unit off (三万五, 两千六), mixed forms (1.2万,
//! 100万三千), anonymised X / XX / X.X, and ranges (3至5, 2-3, 6%-7%).
//! Values are parsed here; what the number counts (the unit) is decided by
//! `unit` rules.
//!
//! A string that is not well formed (十一十二, 百十一, 10.1万零100) has no
//! value: a wrong value is worse than none.

/// Value of a Chinese digit, ordinary or financial capital (〇 = 零).
fn digit(c: char) -> Option<f64> {
    Some(match c {
        '零' | '〇' => 0.0,
        '一' | '壹' => 1.0,
        '二' | '两' | '贰' | '貳' => 2.0,
        '三' | '叁' | '參' => 3.0,
        '四' | '肆' => 4.0,
        '五' | '伍' => 5.0,
        '六' | '陆' | '陸' => 6.0,
        '七' | '柒' => 7.0,
        '八' | '捌' => 8.0,
        '九' | '玖' => 9.0,
        _ => return None,
    })
}

/// A unit inside a section below 万: (digit it implies, unit). 廿 and 卅
/// are twenty and thirty written as one character.
fn small_unit(c: char) -> Option<(Option<f64>, f64)> {
    Some(match c {
        '十' | '拾' => (None, 10.0),
        '百' | '佰' => (None, 100.0),
        '千' | '仟' => (None, 1000.0),
        '廿' => (Some(2.0), 10.0),
        '卅' => (Some(3.0), 10.0),
        _ => return None,
    })
}

/// Value of a Chinese numeral (三千五百 → 3500, 十二 → 12, 一百零五 → 105,
/// 两 → 2, 二〇二一 → 2021, 三万五 → 35000, 负三 → -3, 壹仟贰佰 → 1200,
/// 廿二 → 22, 100万三千 → 1003000). `None` if `s` is not one.
pub fn parse_chinese(s: &str) -> Option<f64> {
    if let Some(rest) = s.strip_prefix('负').or_else(|| s.strip_prefix('-')) {
        return parse_chinese(rest).map(|v| -v);
    }
    if s.is_empty() {
        return None;
    }
    // 六点五 = 6.5: digits after 点 are read one by one.
    if let Some((int, frac)) = s.split_once('点') {
        let whole = parse_chinese(int)?;
        if frac.is_empty() {
            return None;
        }
        let digits = frac
            .chars()
            .map(|c| match c {
                '0'..='9' => Some(c),
                _ => digit(c).map(|d| char::from(b'0' + d as u8)),
            })
            .collect::<Option<String>>()?;
        return Some(whole + format!("0.{digits}").parse::<f64>().ok()?);
    }
    // Digit-by-digit form (二〇二一, 一一).
    if s.chars().count() > 1 && s.chars().all(|c| digit(c).is_some()) {
        return s.chars().try_fold(0.0, |v, c| Some(v * 10.0 + digit(c)?));
    }
    parse_sections(s)
}

/// A numeral with its 亿 and 万 sections (一亿二千万 = 一 × 10^8 + 二千 ×
/// 10^4). After a section unit, 零 marks a gap (一万零一 = 10001) and a
/// lone digit is the next unit's count (三万五 = 35000, 一亿五 = 1.5 × 10^8).
fn parse_sections(s: &str) -> Option<f64> {
    for (unit, scale) in [('亿', 1e8), ('万', 1e4)] {
        let Some(i) = s.rfind(unit) else { continue };
        let (high_text, rest) = (&s[..i], &s[i + unit.len_utf8()..]);
        // 百亿, 千万: a bare 百 or 千 before a section unit is a round
        // magnitude (突破百亿元), though alone it is no numeral.
        let high = match high_text {
            "百" | "佰" => 100.0,
            "千" | "仟" => 1000.0,
            _ => parse_sections(high_text)?,
        };
        // 一万一万 is no numeral; 10.1万 ends where the decimal's 万 does.
        if (unit == '万' && high >= 1e4) || (high_text.contains('.') && !rest.is_empty()) {
            return None;
        }
        let low = match rest.chars().collect::<Vec<_>>().as_slice() {
            [] => 0.0,
            [c] if digit(*c).is_some_and(|d| d > 0.0) => digit(*c)? * scale / 10.0,
            _ => parse_sections(rest)?,
        };
        if low >= scale {
            return None;
        }
        return Some(high * scale + low);
    }
    parse_small(s)
}

/// A numeral below 10^4 (or an Arabic number inside a mixed one): digits
/// times 千/百/十 in falling order (十 alone is 10, also after 零 or 百:
/// 一千零十 = 1010, 一百十一 = 111); a lone digit after 百 or 千 counts
/// the next lower unit (两千六 = 2600, 一百二 = 120).
fn parse_small(s: &str) -> Option<f64> {
    let mut total = 0.0;
    // The count waiting for its unit, and whether it was written in digits.
    let mut current: Option<(f64, bool)> = None;
    let mut last_unit = f64::INFINITY;
    let mut after_zero = false;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            // An Arabic number inside a mixed numeral (1百01, 四千230).
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !(d.is_ascii_digit() || d == '.' || d == ',') {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            if current.is_some() {
                return None;
            }
            current = Some((parse_arabic(&s[i..end])?, true));
            continue;
        }
        if let Some(d) = digit(c) {
            if current.is_some() {
                return None;
            }
            if d == 0.0 {
                after_zero = true;
            } else {
                current = Some((d, false));
            }
            continue;
        }
        let (implied, unit) = small_unit(c)?;
        if unit >= last_unit || (implied.is_some() && current.is_some()) {
            return None;
        }
        // A bare unit: 十 anywhere, 百/千 only after 零 (一万零百一十一).
        let count = match (current.take(), implied) {
            (Some((n, _)), _) => n,
            (None, Some(n)) => n,
            (None, None) if unit == 10.0 || after_zero => 1.0,
            (None, None) => return None,
        };
        total += count * unit;
        last_unit = unit;
        after_zero = false;
    }
    Some(match current {
        // 两千六: the digit counts the next lower unit.
        Some((d, false)) if last_unit >= 100.0 && last_unit.is_finite() && !after_zero => {
            total + d * last_unit / 10.0
        }
        Some((n, _)) => total + n,
        None => total,
    })
}

/// Value of an Arabic number with optional thousands separators (1,200.5,
/// -3.2).
pub fn parse_arabic(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

/// Value of any numeral token: Arabic, Chinese, or mixed (1.2万 → 12000).
/// Anonymised numbers (X, XX, X.X) have no value.
pub fn parse_any(s: &str) -> Option<f64> {
    if s.contains('X') {
        return None;
    }
    if let Some(v) = parse_arabic(s) {
        return Some(v);
    }
    parse_chinese(s)
}

/// Value of a sum of money written with 元 or 圆 and its 角 and 分
/// (壹拾壹元壹角壹分 = 11.11, 壹佰壹拾壹圆整 = 111).
pub fn parse_money(s: &str) -> Option<f64> {
    let s = s.trim_end_matches(['整', '正']);
    let i = s.find(['元', '圆'])?;
    let mut value = parse_chinese(&s[..i])?;
    let mut rest = &s[i + '元'.len_utf8()..];
    for (unit, scale) in [('角', 0.1), ('分', 0.01)] {
        let mut chars = rest.chars();
        if let (Some(d), Some(u)) = (chars.next(), chars.next()) {
            if u == unit {
                value += digit(d)? * scale;
                rest = chars.as_str();
            }
        }
    }
    rest.is_empty().then(|| (value * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("三千五百", 3500.0),
            ("十二", 12.0),
            ("十", 10.0),
            ("一百零五", 105.0),
            ("两", 2.0),
            ("三千五百万", 35_000_000.0),
            ("二〇二一", 2021.0),
            ("五", 5.0),
            ("一亿二千万", 120_000_000.0),
            ("六点五", 6.5),
            ("一万二千", 12_000.0),
        ] {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
        assert_eq!(parse_chinese("统一"), None);
    }

    #[test]
    fn colloquial_negative_capital_and_old_forms() {
        for (s, v) in [
            ("三万五", 35_000.0),
            ("两千六", 2_600.0),
            ("一万二", 12_000.0),
            ("一亿五", 150_000_000.0),
            ("一百二", 120.0),
            ("一千零十", 1_010.0),
            ("一百十一", 111.0),
            ("负三", -3.0),
            ("负三点八", -3.8),
            ("壹仟贰佰", 1_200.0),
            ("叁拾万零伍佰", 300_500.0),
            ("廿二", 22.0),
            ("卅六", 36.0),
            ("两万两千", 22_000.0),
            ("零点零零五", 0.005),
        ] {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
    }

    #[test]
    fn malformed_numerals_have_no_value() {
        for s in [
            "十一十二",
            "十七十八",
            "百十一",
            "零点",
            "点零",
            "负",
            "一万一万",
            "千",
            "百",
        ] {
            assert_eq!(parse_chinese(s), None, "{s}");
        }
        // Before 亿 or 万 a bare 百 or 千 is a round magnitude.
        assert_eq!(parse_chinese("百亿"), Some(1e10));
        assert_eq!(parse_chinese("千万"), Some(1e7));
        assert_eq!(parse_any("10.1万零100"), None);
    }

    #[test]
    fn money_with_jiao_and_fen() {
        assert_eq!(parse_money("壹拾壹元壹角壹分"), Some(11.11));
        assert_eq!(parse_money("壹佰壹拾壹圆整"), Some(111.0));
        assert_eq!(parse_money("玖仟陆佰陆拾伍圆壹角捌分"), Some(9665.18));
        assert_eq!(parse_money("壹拾壹元壹斤"), None);
    }

    #[test]
    fn mixed_and_arabic() {
        assert_eq!(parse_any("1.2万"), Some(12000.0));
        assert_eq!(parse_any("1,200"), Some(1200.0));
        assert_eq!(parse_any("XX"), None);
        assert_eq!(parse_any("-3.2"), Some(-3.2));
        assert_eq!(parse_any("100万三千"), Some(1_003_000.0));
        assert_eq!(parse_any("3万5千"), Some(35_000.0));
        assert_eq!(parse_any("1.5万亿"), Some(1.5e12));
    }
}

//! Numerals as Chinese speeches write them: 6.5, 1,200, 三千五百, 两, 百分之五,
//! anonymised X / XX / X.X, and ranges (3至5, 2-3, 6%-7%). Values are parsed
//! here; what the number counts (the unit) is decided by `unit` rules.

/// Value of a Chinese numeral (三千五百 → 3500, 十二 → 12, 一百零五 → 105,
/// 两 → 2, 二〇二一 → 2021). `None` if `s` is not one.
pub fn parse_chinese(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    // 六点五 = 6.5: digits after 点 are read one by one.
    if let Some((int, frac)) = s.split_once('点') {
        let whole = parse_chinese(int)?;
        let mut scale = 0.1;
        let mut v = whole;
        for c in frac.chars() {
            v += parse_chinese(&c.to_string())? * scale;
            scale /= 10.0;
        }
        return Some((v * 1e6).round() / 1e6);
    }
    let digit = |c: char| -> Option<u64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    // Digit-by-digit form (二〇二一).
    if s.chars().count() > 1 && s.chars().all(|c| digit(c).is_some()) {
        let mut v = 0u64;
        for c in s.chars() {
            v = v * 10 + digit(c)?;
        }
        return Some(v as f64);
    }
    // 一亿二千万 = 一 × 10^8 + 二千 × 10^4: split at 亿, then at 万.
    if let Some(i) = s.find('亿') {
        let high = if i == 0 { 1.0 } else { parse_chinese(&s[..i])? };
        let rest = &s[i + '亿'.len_utf8()..];
        let low = if rest.is_empty() {
            0.0
        } else {
            parse_chinese(rest)?
        };
        return Some(high * 1e8 + low);
    }
    if let Some(i) = s.find('万') {
        let high = if i == 0 { 1.0 } else { parse_chinese(&s[..i])? };
        let rest = &s[i + '万'.len_utf8()..];
        let low = if rest.is_empty() {
            0.0
        } else {
            parse_chinese(rest)?
        };
        return Some(high * 1e4 + low);
    }
    // Below 10^4: digits times 千/百/十 (十 alone is 10).
    let mut total: u64 = 0;
    let mut current: Option<u64> = None;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += current.take().unwrap_or(1) * unit;
    }
    Some((total + current.unwrap_or(0)) as f64)
}

/// Value of an Arabic number with optional thousands separators (1,200.5).
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
    // Mixed: Arabic number then 万/亿 (1.2万, 3千).
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','));
    if let Some(i) = split.filter(|i| *i > 0) {
        let base = parse_arabic(&s[..i])?;
        let mult = match &s[i..] {
            "十" => 10.0,
            "百" => 100.0,
            "千" => 1000.0,
            "万" => 1e4,
            "十万" => 1e5,
            "百万" => 1e6,
            "千万" => 1e7,
            "亿" => 1e8,
            "万亿" => 1e12,
            _ => return None,
        };
        return Some(base * mult);
    }
    parse_chinese(s)
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
    fn mixed_and_arabic() {
        assert_eq!(parse_any("1.2万"), Some(12000.0));
        assert_eq!(parse_any("1,200"), Some(1200.0));
        assert_eq!(parse_any("XX"), None);
    }
}

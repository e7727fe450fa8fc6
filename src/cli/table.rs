//! Plain-text tables that fit the terminal: columns sized by content in
//! display columns (two per CJK character, `unicode-width`), shrunk when
//! the table is wider than the terminal, the sentence column first. A
//! sentence is elided around the text it was shown for (the figure of a
//! target, the measure of a serves row), so that text stays visible:
//! …分别增长5.2%、3.1%…. CSV for the same cells.
//!
//! When even the columns' floors do not fit, the table hides its optional
//! columns (a target's qualifier, document, change…) and says so on
//! stderr. The width is `COLUMNS` when set, else the terminal's, else
//! [`PIPE_WIDTH`] when standard output is no terminal; `--wide` prints
//! every cell whole.

use std::io::IsTerminal;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The width of tables piped to another program (no terminal, no COLUMNS).
pub const PIPE_WIDTH: usize = 100;

/// The narrowest a column is shrunk to (its cells then end in …).
const MIN_COLUMN: usize = 3;

/// The narrowest the sentence column is shrunk to before others give way.
const MIN_SENTENCE: usize = 24;

/// The narrowest other columns are shrunk to before the sentence gives
/// way again.
const MIN_OTHER: usize = 6;

/// The narrowest a path column is shrunk to before the others give way.
const MIN_PATH: usize = 12;

/// Below these widths (sentence, other columns) a table hides its
/// optional columns rather than squeeze the others.
const READABLE_SENTENCE: usize = 30;
const READABLE_OTHER: usize = 8;

/// Columns between cells.
const GAP: usize = 2;

/// How a table is laid out: its width (None: unlimited, `--wide`), the
/// column that elides around a focus (the sentence), and each row's focus.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub width: Option<usize>,
    pub elide: Option<usize>,
    pub focus: Vec<Option<String>>,
    /// A column cut at its start (paths: the file name stays).
    pub keep_end: Option<usize>,
    /// Columns hidden, in this order, when the others cannot fit at their
    /// floors (a note on stderr names them).
    pub optional: Vec<usize>,
}

impl Layout {
    /// The terminal's layout (or unlimited with `wide`), without a focus.
    pub fn terminal(wide: bool) -> Layout {
        Layout {
            width: (!wide).then(terminal_width),
            ..Layout::default()
        }
    }

    /// Cuts column `column` at its start, keeping the end (a path's file
    /// name).
    pub fn keeping_end(mut self, column: usize) -> Layout {
        self.keep_end = Some(column);
        self
    }

    /// Columns a narrow terminal may hide, the first first.
    pub fn optional(mut self, columns: &[usize]) -> Layout {
        self.optional = columns.to_vec();
        self
    }

    /// Elides column `column` around each row's `focus` text.
    pub fn eliding(mut self, column: usize, focus: Vec<Option<String>>) -> Layout {
        self.elide = Some(column);
        self.focus = focus;
        self
    }
}

/// COLUMNS when set to a number, else the terminal's width, else
/// [`PIPE_WIDTH`].
pub fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return n;
    }
    if std::io::stdout().is_terminal() {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
            return usize::from(w);
        }
    }
    PIPE_WIDTH
}

/// Renders rows under a header, columns padded by display width and
/// shrunk to fit `layout.width`.
pub fn render(header: &[&str], rows: &[Vec<String>], layout: &Layout) -> String {
    let hidden = match layout.width {
        Some(w) => hidden_columns(header, rows, layout, w),
        None => Vec::new(),
    };
    if hidden.is_empty() {
        return render_all(header, rows, layout);
    }
    let names: Vec<&str> = hidden.iter().map(|i| header[*i]).collect();
    eprintln!(
        "ptkg: note: hid {} to fit {} columns; --wide or --format csv shows every column",
        names.join(", "),
        layout.width.unwrap_or_default()
    );
    let keep: Vec<usize> = (0..header.len()).filter(|i| !hidden.contains(i)).collect();
    let header: Vec<&str> = keep.iter().map(|i| header[*i]).collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| keep.iter().filter_map(|i| r.get(*i).cloned()).collect())
        .collect();
    let moved = |c: Option<usize>| c.and_then(|c| keep.iter().position(|k| *k == c));
    let layout = Layout {
        width: layout.width,
        elide: moved(layout.elide),
        focus: layout.focus.clone(),
        keep_end: moved(layout.keep_end),
        optional: Vec::new(),
    };
    render_all(&header, &rows, &layout)
}

/// The optional columns a table of `width` hides, in the layout's order,
/// until the others fit at a readable width (the sentence at
/// [`READABLE_SENTENCE`], the others at [`READABLE_OTHER`]).
fn hidden_columns(
    header: &[&str],
    rows: &[Vec<String>],
    layout: &Layout,
    width: usize,
) -> Vec<usize> {
    let natural = natural_widths(header, rows);
    let need = |hidden: &[usize]| -> usize {
        let kept: Vec<usize> = (0..natural.len()).filter(|i| !hidden.contains(i)).collect();
        let cells: usize = kept
            .iter()
            .map(|i| {
                let floor = if layout.elide == Some(*i) {
                    READABLE_SENTENCE
                } else {
                    READABLE_OTHER
                };
                natural[*i].min(floor)
            })
            .sum();
        cells + GAP * kept.len().saturating_sub(1)
    };
    let mut hidden = Vec::new();
    for c in &layout.optional {
        if need(&hidden) <= width {
            break;
        }
        hidden.push(*c);
    }
    hidden
}

/// Renders every column.
fn render_all(header: &[&str], rows: &[Vec<String>], layout: &Layout) -> String {
    let natural = natural_widths(header, rows);
    let widths = match layout.width {
        Some(w) => fit(&natural, w, layout),
        None => natural.clone(),
    };
    let mut out = String::new();
    let mut line = |cells: Vec<String>| {
        let n = cells.len();
        let mut text = String::new();
        for (i, cell) in cells.into_iter().enumerate() {
            text.push_str(&cell);
            if i + 1 < n {
                text.push_str(&" ".repeat(widths[i] - cell.width() + GAP));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(
        header
            .iter()
            .enumerate()
            .map(|(i, h)| cut_end(h, widths[i]))
            .collect(),
    );
    for (r, row) in rows.iter().enumerate() {
        let focus = layout.focus.get(r).and_then(Option::as_deref);
        line(
            row.iter()
                .enumerate()
                .take(widths.len())
                .map(|(i, c)| match (layout.elide == Some(i), focus) {
                    (true, Some(f)) => elide_around(c, f, widths[i]),
                    _ if layout.keep_end == Some(i) => cut_start(c, widths[i]),
                    _ => cut_end(c, widths[i]),
                })
                .collect(),
        );
    }
    out
}

/// Each column's widest cell (header included).
fn natural_widths(header: &[&str], rows: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(widths.len()) {
            widths[i] = widths[i].max(cell.width());
        }
    }
    widths
}

/// Column widths whose sum (with the gaps) is at most `width`, given up
/// in turn, one display column at a time: the sentence column down to a
/// third of the width (at least [`MIN_SENTENCE`]); a path column down to
/// [`MIN_PATH`] (its file name's end stays); the widest other column
/// down to [`MIN_OTHER`]; the sentence down to [`MIN_OTHER`]; then every
/// column, widest first, down to [`MIN_COLUMN`].
fn fit(natural: &[usize], width: usize, layout: &Layout) -> Vec<usize> {
    let elide = layout.elide;
    let mut w = natural.to_vec();
    let gaps = GAP * w.len().saturating_sub(1);
    let budget = width.saturating_sub(gaps);
    let sentence_floor = MIN_SENTENCE.max(budget / 3);
    let mut total: usize = w.iter().sum();
    let widest = |w: &[usize], floor: usize, skip: Option<usize>| {
        (0..w.len())
            .filter(|i| Some(*i) != skip && w[*i] > floor)
            .max_by_key(|i| (w[*i], *i))
    };
    while total > budget {
        let sentence = |floor: usize| elide.filter(|e| w.get(*e).is_some_and(|x| *x > floor));
        let path = layout
            .keep_end
            .filter(|p| w.get(*p).is_some_and(|x| *x > MIN_PATH));
        let pick = sentence(sentence_floor)
            .or(path)
            .or_else(|| widest(&w, MIN_OTHER, elide))
            .or_else(|| sentence(MIN_OTHER))
            .or_else(|| widest(&w, MIN_COLUMN, None));
        let Some(i) = pick else { break };
        w[i] -= 1;
        total -= 1;
    }
    w
}

/// `s` cut to `width` display columns, ending in … when cut.
pub fn cut_end(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// `s` cut to `width` display columns, starting with … when cut.
pub fn cut_start(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > width {
            break;
        }
        kept.push(c);
        used += cw;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// `s` cut to `width` display columns around the first `focus` in it, with
/// … where it was cut: the focus stays visible. Without the focus in `s`,
/// the end is cut.
pub fn elide_around(s: &str, focus: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let Some((a, b)) = find_loose(&chars, focus) else {
        return cut_end(s, width);
    };
    let cw = |c: char| c.width().unwrap_or(0);
    let (mut lo, mut hi) = (a, b);
    let shown = |lo: usize, hi: usize| -> usize {
        let inner: usize = chars[lo..hi].iter().map(|c| cw(*c)).sum();
        inner + usize::from(lo > 0) + usize::from(hi < chars.len())
    };
    if shown(lo, hi) > width {
        // The focus alone is too wide: keep its start.
        return format!(
            "…{}",
            cut_end(
                &chars[a..].iter().collect::<String>(),
                width.saturating_sub(1)
            )
        );
    }
    // Grow the window one character at a time, left and right in turn.
    let mut left = true;
    loop {
        let grown = if left && lo > 0 {
            Some((lo - 1, hi))
        } else if hi < chars.len() {
            Some((lo, hi + 1))
        } else if lo > 0 {
            Some((lo - 1, hi))
        } else {
            None
        };
        match grown {
            Some((l, h)) if shown(l, h) <= width => (lo, hi) = (l, h),
            _ => break,
        }
        left = !left;
    }
    let mut out = String::new();
    if lo > 0 {
        out.push('…');
    }
    out.extend(&chars[lo..hi]);
    if hi < chars.len() {
        out.push('…');
    }
    out
}

/// Where `focus` stands in `chars` (a character range), spaces in either
/// ignored: a sentence's whitespace is collapsed, not removed (X 亿元).
fn find_loose(chars: &[char], focus: &str) -> Option<(usize, usize)> {
    let want: Vec<char> = focus.chars().filter(|c| !c.is_whitespace()).collect();
    if want.is_empty() {
        return None;
    }
    (0..chars.len()).find_map(|start| {
        let (mut i, mut j) = (start, 0);
        while j < want.len() {
            match chars.get(i) {
                Some(c) if *c == want[j] => j += 1,
                Some(c) if c.is_whitespace() && j > 0 => {}
                _ => return None,
            }
            i += 1;
        }
        Some((start, i))
    })
}

/// Renders rows as CSV (RFC 4180 quoting).
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = header
        .iter()
        .map(|h| field(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for row in rows {
        out.push_str(&row.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn csv_quotes_fields_that_need_it() {
        assert_eq!(
            csv(&["a", "b"], &[vec!["x,y".into(), "say \"hi\"".into()]]),
            "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n"
        );
    }

    #[test]
    fn pads_by_display_width() {
        let t = render(
            &["name", "n"],
            &[
                vec!["临江区".into(), "3".into()],
                vec!["ab".into(), "10".into()],
            ],
            &Layout::default(),
        );
        assert_eq!(t, "name    n\n临江区  3\nab      10\n");
    }

    #[test]
    fn the_focus_stays_visible() {
        let s = "今年以来，全区经济运行总体平稳，一季度地区生产总值和规上工业增加值分别增长5.2%、3.1%，完成全年目标的百分之二十六。";
        let e = elide_around(s, "5.2%", 20);
        assert!(e.contains("5.2%"), "{e}");
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(e.width() <= 20, "{e}");
    }

    #[test]
    fn a_wide_table_fits_its_width() {
        let long = "一".repeat(80);
        let rows = vec![vec!["临江区".to_string(), "x".repeat(50), long.clone()]];
        let layout = Layout {
            width: Some(60),
            ..Layout::default()
        }
        .eliding(2, vec![Some("一一".into())]);
        for line in render(&["a", "b", "sentence"], &rows, &layout).lines() {
            assert!(line.width() <= 60, "{line}");
        }
    }

    #[test]
    fn a_narrow_table_hides_its_optional_columns_first() {
        let rows = vec![vec![
            "地区生产总值".to_string(),
            "exact".to_string(),
            "examples/linjiang_2021_work_report.txt".to_string(),
            "全区地区生产总值增长7%左右，一般公共预算收入增长6.5%，固定资产投资增长10%以上。"
                .to_string(),
        ]];
        let layout = Layout {
            width: Some(44),
            ..Layout::default()
        }
        .eliding(3, vec![Some("7%左右".into())])
        .optional(&[1, 2]);
        let t = render(
            &["metric", "qualifier", "document", "sentence"],
            &rows,
            &layout,
        );
        let head: Vec<&str> = t.lines().next().unwrap().split_whitespace().collect();
        assert_eq!(head, ["metric", "sentence"], "{t}");
        assert!(t.contains("7%左右"), "{t}");
        assert!(t.lines().all(|l| l.width() <= 44), "{t}");
    }
}

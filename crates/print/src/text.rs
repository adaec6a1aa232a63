//! Words on paper: Japanese dates and line breaking by measured width.

use chrono::{Datelike, NaiveDate};

use crate::font::font;

const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// `2026年4月15日(水)`, the way slips and notices write a date.
pub fn jdate(d: NaiveDate) -> String {
    format!(
        "{}年{}月{}日({})",
        d.year(),
        d.month(),
        d.day(),
        WEEKDAYS[d.weekday().num_days_from_monday() as usize]
    )
}

/// `2026/4/15(水)`: a date in a table column.
pub fn short_date(d: NaiveDate) -> String {
    format!(
        "{}/{}/{}({})",
        d.year(),
        d.month(),
        d.day(),
        WEEKDAYS[d.weekday().num_days_from_monday() as usize]
    )
}

/// Characters that hang past the right edge rather than start a line (burasage, the simplest
/// kinsoku rule).
const HANGING: [char; 12] = [
    '、', '。', '，', '．', ',', '.', '）', ')', '」', '』', '】', '〕',
];

fn hangs(c: char) -> bool {
    HANGING.contains(&c)
}

/// Latin words and numbers stay whole unless a word alone is wider than the line.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_ascii_alphanumeric();
        match (start, word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
        if !word {
            out.push(&text[i..i + c.len_utf8()]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Break `text` into lines no wider than `width_mm` at `size_pt`. Never returns no lines, so an
/// empty cell still takes a line's height.
pub fn wrap(text: &str, width_mm: f32, size_pt: f32) -> Vec<String> {
    let f = font();
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0.0;
        for token in tokens(paragraph) {
            let w = f.width_mm(token, size_pt);
            let hanging = token.chars().count() == 1 && token.chars().all(hangs);
            if used + w <= width_mm || hanging {
                line.push_str(token);
                used += w;
            } else if w > width_mm {
                for c in token.chars() {
                    let cw = f.advance_em(c) * size_pt * crate::font::MM_PER_PT;
                    if used + cw > width_mm && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        used = 0.0;
                    }
                    line.push(c);
                    used += cw;
                }
            } else {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                let token = token.trim_start();
                line.push_str(token);
                used = f.width_mm(token, size_pt);
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_on_a_japanese_slip() {
        assert_eq!(
            jdate(NaiveDate::from_ymd_opt(2026, 4, 15).unwrap()),
            "2026年4月15日(水)"
        );
        assert_eq!(
            jdate(NaiveDate::from_ymd_opt(2027, 1, 3).unwrap()),
            "2027年1月3日(日)"
        );
    }

    #[test]
    fn full_width_text_breaks_at_the_measured_width() {
        // At 10 pt one full-width character is 3.53 mm: ten fit in 36 mm, not eleven.
        let lines = wrap("北海道立図書館の予約資料確保票です", 36.0, 10.0);
        assert_eq!(lines[0].chars().count(), 10, "{lines:?}");
        assert_eq!(lines.concat(), "北海道立図書館の予約資料確保票です");
        for l in &lines {
            assert!(font().width_mm(l, 10.0) <= 36.0, "{l}");
        }
    }

    #[test]
    fn latin_words_stay_whole_and_punctuation_hangs() {
        let lines = wrap("Rust programming language 入門", 30.0, 10.0);
        assert!(lines.len() > 1, "{lines:?}");
        for word in ["Rust", "programming", "language"] {
            assert_eq!(
                lines.iter().filter(|l| l.contains(word)).count(),
                1,
                "{lines:?}"
            );
        }
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with(' ') && !l.ends_with(' '))
        );
        // Ten full-width characters fill 35.3 mm at 10 pt; the full stop hangs past the edge.
        let hung = wrap("あいうえおかきくけこ。", 35.3, 10.0);
        assert_eq!(hung, vec!["あいうえおかきくけこ。".to_string()]);
        let broken = wrap("あいうえおかきくけこさ", 35.3, 10.0);
        assert_eq!(
            broken,
            vec!["あいうえおかきくけこ".to_string(), "さ".into()]
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_and_empty_text_keeps_a_line() {
        let lines = wrap("1234567890123456789012345678901234567890", 20.0, 10.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "1234567890123456789012345678901234567890");
        assert_eq!(wrap("", 20.0, 10.0), vec![String::new()]);
    }
}

use unicode_normalization::UnicodeNormalization;

/// Fold what real scanners and keyboards send into the bare code: NFKC (full-width digits and
/// letters from an IME), surrounding whitespace, tab, CR/LF, and NW-7 start/stop characters A–D.
/// NFKC is lossy (`①` becomes `1`), so it is applied to codes only, never to names.
pub fn normalize(raw: &str) -> String {
    let folded: String = raw.nfkc().collect();
    let trimmed = folded.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    strip_nw7(trimmed).to_string()
}

fn is_nw7_guard(c: char) -> bool {
    matches!(c.to_ascii_uppercase(), 'A'..='D')
}

/// Codabar wraps data in one of A–D at each end; both ends must be guards to strip them.
fn strip_nw7(s: &str) -> &str {
    let mut chars = s.chars();
    match (chars.next(), chars.next_back()) {
        (Some(a), Some(b)) if s.len() > 2 && is_nw7_guard(a) && is_nw7_guard(b) => {
            &s[1..s.len() - 1]
        }
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_need_both_ends() {
        assert_eq!(normalize("A123B"), "123");
        assert_eq!(normalize("A123"), "A123");
        assert_eq!(normalize("AB"), "AB");
        assert_eq!(normalize("ａ１２３ｄ"), "123");
    }
}

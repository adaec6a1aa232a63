//! H5: e-mail addresses the library's mail system cannot deliver to are refused, each with its
//! own reason.

use crate::error::{EmailProblem, Invalid, Result};

const LOCAL_SYMBOLS: &str = ".!#$%&'*+/=?^_`{|}~-";

/// The trimmed address, or the first reason it is refused. The guide's three cases come first,
/// so `taro.@example.jp` is told "dot before @" rather than merely "not an address".
pub fn validate_email(raw: &str) -> Result<String> {
    let addr = raw.trim();
    let problem = |p| Err(Invalid::Email(p).into());
    if addr.ends_with('.') {
        return problem(EmailProblem::TrailingDot);
    }
    let Some((local, domain)) = addr.rsplit_once('@') else {
        return problem(EmailProblem::Implausible);
    };
    if local.ends_with('.') {
        return problem(EmailProblem::DotBeforeAt);
    }
    if local.contains("..") {
        return problem(EmailProblem::ConsecutiveDots);
    }
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_SYMBOLS.contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if local_ok && domain_ok && addr.len() <= 254 {
        Ok(addr.to_string())
    } else {
        problem(EmailProblem::Implausible)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> &'static str {
        match validate_email(s) {
            Ok(_) => "ok",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn h5_the_guides_three_examples_each_have_their_own_reason() {
        assert_eq!(code("taro.@example.jp"), "email.dot_before_at");
        assert_eq!(code("ta..ro@example.jp"), "email.consecutive_dots");
        assert_eq!(code("taro@example.jp."), "email.trailing_dot");
    }

    #[test]
    fn h5_the_three_reasons_read_differently() {
        let msgs: Vec<String> = ["taro.@example.jp", "ta..ro@example.jp", "taro@example.jp."]
            .iter()
            .map(|s| validate_email(s).unwrap_err().message(crate::Lang::Ja))
            .collect();
        assert!(msgs[0].contains("直前"));
        assert!(msgs[1].contains("連続"));
        assert!(msgs[2].contains("末尾"));
    }

    #[test]
    fn h5_implausible_addresses_are_refused() {
        for s in [
            "",
            "taro",
            "taro@",
            "@example.jp",
            "taro@example",
            "taro@@example.jp",
            "たろう@example.jp",
            "taro@exa mple.jp",
            ".taro@example.jp",
            "taro@-x.jp",
            "taro@example.j",
        ] {
            assert_eq!(code(s), "email.invalid", "{s}");
        }
    }

    #[test]
    fn ordinary_addresses_pass_and_are_trimmed() {
        assert_eq!(
            validate_email(" taro.yamada+lib@example.ne.jp ").unwrap(),
            "taro.yamada+lib@example.ne.jp"
        );
        assert_eq!(code("t.a.r.o@mail.example.jp"), "ok");
    }
}

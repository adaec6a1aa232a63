//! CLI.md: a password argument given as `-` is read from standard input, one line each, in the
//! order of the command's flags, so it never shows in the process list.

use std::io::BufRead;

use kashidashi_core::{Invalid, Result};

/// The passwords of one command, in flag order: each `-` takes the next line of standard input.
pub fn read<const N: usize>(given: [&str; N]) -> Result<[String; N]> {
    read_from(given, std::io::stdin().lock())
}

fn read_from<const N: usize>(given: [&str; N], input: impl BufRead) -> Result<[String; N]> {
    let mut lines = input.lines();
    let mut out: [String; N] = std::array::from_fn(|_| String::new());
    for (slot, g) in out.iter_mut().zip(given) {
        *slot = if g == "-" {
            lines
                .next()
                .and_then(|l| l.ok())
                .map(|l| l.trim_end_matches('\r').to_string())
                .ok_or(Invalid::Missing {
                    field: "password (standard input)",
                })?
        } else {
            g.to_string()
        };
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_dash_takes_the_next_line_in_flag_order() {
        let [old, new] = read_from(["-", "-"], &b"temp2345\r\nmine2026\n"[..]).unwrap();
        assert_eq!((old.as_str(), new.as_str()), ("temp2345", "mine2026"));
        let [old, new] = read_from(["given", "-"], &b"mine2026\n"[..]).unwrap();
        assert_eq!((old.as_str(), new.as_str()), ("given", "mine2026"));
    }

    #[test]
    fn a_missing_line_is_bad_input() {
        let err = read_from(["-", "-"], &b"only-one\n"[..]).unwrap_err();
        assert_eq!(err.code(), "input.missing");
    }
}

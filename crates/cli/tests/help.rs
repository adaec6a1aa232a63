//! Every subcommand says in one line what it does, in `kashidashi --help` and in each group's
//! `--help`: staff find the command they need without reading the source.

use std::process::Command;

fn help(path: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_kashidashi"))
        .args(path)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "{path:?} --help");
    String::from_utf8(out.stdout).unwrap()
}

/// The `Commands:` section of a help text: (name, summary) per line, `help` itself left out.
fn commands(text: &str) -> Vec<(String, String)> {
    text.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let l = l.trim_start();
            let (name, summary) = l.split_once(' ').unwrap_or((l, ""));
            (name != "help").then(|| (name.to_string(), summary.trim().to_string()))
        })
        .collect()
}

#[test]
fn every_subcommand_has_a_one_line_summary() {
    let mut missing = Vec::new();
    let mut seen = 0;
    let mut groups: Vec<Vec<String>> = vec![vec![]];
    while let Some(path) = groups.pop() {
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        for (name, summary) in commands(&help(&args)) {
            seen += 1;
            let mut sub = path.clone();
            sub.push(name);
            if summary.is_empty() {
                missing.push(sub.join(" "));
            }
            let sub_args: Vec<&str> = sub.iter().map(String::as_str).collect();
            if !commands(&help(&sub_args)).is_empty() {
                groups.push(sub);
            }
        }
    }
    assert!(seen >= 50, "walked {seen} commands");
    assert!(missing.is_empty(), "no --help summary: {missing:?}");
}

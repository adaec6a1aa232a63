//! The core's modules in layers (ARCHITECTURE.md, "Layers"; issue 12): a module uses only its
//! own layer and the layers below it, and outside the kernel no two modules use each other, even
//! through a third. So the slips and notices are made from the outcomes of the actions, and
//! nothing that lends, returns or traps knows of slips or of sending.
//!
//! Read from the source: every `crate::NAME` in code (not in comments, nor in a file's
//! `#[cfg(test)]` part), and each name in a `use crate::{...}` group.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Lowest first. The kernel is the action context (`Library`, `Ctx`: the store, the profile, the
/// staff member and what they may do, the audit trail, the open days, the outbox): its modules
/// use one another, and nothing above.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "kernel",
        &[
            "domain",
            "error",
            "policy",
            "store",
            "private_files",
            "credentials",
            "scan",
            "library",
            "audit",
            "staff",
            "throttle",
            "calendar",
            "outbox",
        ],
    ),
    ("records", &["catalog"]),
    ("people and loans", &["patrons", "loans"]),
    ("holds", &["holds"]),
    ("copies", &["copies"]),
    ("circulation", &["circulation"]),
    (
        "outcomes and jobs",
        &[
            "day_changes",
            "delivery",
            "reports",
            "slips",
            "notify",
            "my_page",
            "demo",
            "invariants",
            "backup",
            "copy",
            "prints",
        ],
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// The top-level modules each module's code names.
fn uses() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if name == "lib" {
            continue;
        }
        let used = uses.entry(name.clone()).or_default();
        for file in rust_files(&path) {
            let text = std::fs::read_to_string(&file).unwrap();
            let code: String = text
                .split("#[cfg(test)]")
                .next()
                .unwrap()
                .lines()
                .map(|line| line.split("//").next().unwrap())
                .collect::<Vec<_>>()
                .join("\n");
            used.extend(named_modules(&code).into_iter().filter(|m| *m != name));
        }
    }
    uses
}

fn rust_files(path: &Path) -> Vec<std::path::PathBuf> {
    if path.is_dir() {
        std::fs::read_dir(path)
            .unwrap()
            .flat_map(|e| rust_files(&e.unwrap().path()))
            .collect()
    } else if path.extension().is_some_and(|e| e == "rs") {
        vec![path.to_path_buf()]
    } else {
        Vec::new()
    }
}

fn ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// `crate::x::...` gives `x`; `crate::{a::b, c, d::{e, f}}` gives `a`, `c` and `d`.
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        found.insert(ident(&group[i..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(ident(rest));
        }
    }
    found
}

#[test]
fn every_module_of_the_core_has_its_layer() {
    let unplaced: Vec<String> = uses()
        .into_keys()
        .filter(|m| layer_of(m).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules in no layer: {unplaced:?} (place each in LAYERS and in ARCHITECTURE.md)"
    );
}

#[test]
fn a_module_uses_only_its_own_layer_and_the_layers_below() {
    let mut upward = Vec::new();
    for (module, used) in uses() {
        let Some(own) = layer_of(&module) else {
            continue;
        };
        for other in used {
            if let Some(theirs) = layer_of(&other)
                && theirs > own
            {
                upward.push(format!(
                    "{module} ({}) uses {other} ({})",
                    LAYERS[own].0, LAYERS[theirs].0
                ));
            }
        }
    }
    assert!(upward.is_empty(), "{upward:#?}");
}

#[test]
fn outside_the_kernel_no_modules_use_each_other_in_a_circle() {
    let uses = uses();
    let kernel = LAYERS[0].1;
    // Walk from each module over the modules it uses, outside the kernel; coming back to it is
    // a circle.
    let mut circles = Vec::new();
    for start in uses.keys().filter(|m| !kernel.contains(&m.as_str())) {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = uses[start].iter().collect();
        while let Some(m) = todo.pop() {
            if kernel.contains(&m.as_str()) || !seen.insert(m.clone()) {
                continue;
            }
            if m == start {
                circles.push(start.clone());
                break;
            }
            todo.extend(uses.get(m).into_iter().flatten());
        }
    }
    assert!(circles.is_empty(), "modules in a circle: {circles:?}");
}

#[test]
fn the_reading_finds_uses_in_paths_and_in_groups() {
    let code = "use crate::{catalog::Item, holds, patrons::{find, Patron}};\n\
                let x = crate::slips::Slip::None;";
    let found: Vec<String> = named_modules(code).into_iter().collect();
    assert_eq!(found, ["catalog", "holds", "patrons", "slips"]);
}

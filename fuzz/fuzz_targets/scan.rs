//! Raw scanner input (any bytes a keyboard wedge can send) against both shipped profiles' card
//! and item rules: an answer or a named refusal, never a panic.
#![no_main]

use std::sync::LazyLock;

use kashidashi_core::policy::{Policy, builtin_profile};
use kashidashi_core::scan;
use libfuzzer_sys::fuzz_target;

static POLICIES: LazyLock<Vec<Policy>> = LazyLock::new(|| {
    ["hokkaido", "kyoto"]
        .iter()
        .map(|name| Policy::parse(name, builtin_profile(name).unwrap()).unwrap())
        .collect()
});

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    for policy in POLICIES.iter() {
        if let Ok(scanned) = scan::classify(policy, &raw) {
            // What a scan is taken for must read the same when scanned again (C1 patterns).
            let again = scan::classify(policy, scanned.value()).unwrap();
            assert_eq!(again.kind(), scanned.kind());
        }
        let _ = scan::card(policy, &raw);
        let _ = scan::item(policy, &raw);
    }
});

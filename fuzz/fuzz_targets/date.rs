//! Dates typed by staff or scripts (`--now`, `--until`, `--on`): a date in 1900–2200 or a
//! named refusal (`input.bad_date`, `input.date_out_of_range`), never a panic.
#![no_main]

use kashidashi_core::domain::{date_input, now_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    if let Ok(d) = date_input(&raw) {
        let year = d.format("%Y").to_string().parse::<i32>().unwrap();
        assert!((1900..=2200).contains(&year));
    }
    if let Ok(now) = now_input(&raw) {
        let _ = now.rfc3339();
    }
});

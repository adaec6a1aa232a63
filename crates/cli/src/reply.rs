//! What a handler hands back: the JSON fields of CLI.md and the text a person reads.

use serde::Serialize;
use serde_json::{Map, Value};

pub struct Reply {
    pub fields: Map<String, Value>,
    pub text: String,
}

impl Reply {
    pub fn new(text: impl Into<String>) -> Reply {
        Reply {
            fields: Map::new(),
            text: text.into(),
        }
    }

    pub fn with(mut self, key: &str, value: impl Serialize) -> Reply {
        self.fields.insert(
            key.to_string(),
            serde_json::to_value(value).expect("views serialise"),
        );
        self
    }
}

/// `2026-04-15(水)`: ISO for scripts that read text, with the weekday for people.
pub fn day(d: chrono::NaiveDate) -> String {
    const WD: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    use chrono::Datelike;
    format!(
        "{}({})",
        d.format("%Y-%m-%d"),
        WD[d.weekday().num_days_from_monday() as usize]
    )
}

use kashidashi_core::calendar::DayInfo;
use kashidashi_core::policy::Desk;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct DeskView {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub kind: &'static str,
    pub hours: Option<String>,
}

impl From<&Desk> for DeskView {
    fn from(d: &Desk) -> Self {
        DeskView {
            code: d.code.to_string(),
            name: d.name.clone(),
            name_en: d.name_en.clone(),
            kind: d.kind.as_str(),
            hours: d.hours.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DayView {
    pub date: String,
    pub weekday: String,
    pub open: bool,
    pub duty: bool,
    pub delivery_run: bool,
    pub holiday: Option<String>,
    pub closure: Option<String>,
}

impl From<&DayInfo> for DayView {
    fn from(d: &DayInfo) -> Self {
        DayView {
            date: crate::date_string(d.date),
            weekday: d.date.format("%a").to_string().to_lowercase(),
            open: d.open,
            duty: d.duty,
            delivery_run: d.delivery_run,
            holiday: d.holiday.clone(),
            closure: d.closure.clone(),
        }
    }
}

use kashidashi_core::Invalid;
use kashidashi_core::day_changes::DayChange;
use kashidashi_core::domain::date_input as date;
use kashidashi_wire::DayView;
use tauri::State;

use crate::error::CmdResult;
use crate::state::Desk;

#[tauri::command(rename_all = "snake_case")]
pub async fn calendar_days(
    state: State<'_, Desk>,
    desk: String,
    from: String,
    to: String,
) -> CmdResult<Vec<DayView>> {
    state.act(|lib, _| {
        Ok(lib
            .calendar_days(&desk, date(&from)?, date(&to)?)?
            .iter()
            .map(DayView::from)
            .collect())
    })
}

/// C2, H14, H15 (supervisors): close or open a day, move a delivery run or a duty day.
#[tauri::command(rename_all = "snake_case")]
pub async fn calendar_change(
    state: State<'_, Desk>,
    desk: String,
    day: String,
    change: String,
    reason: String,
) -> CmdResult<DayView> {
    state.act(|lib, actor| {
        let change = match change.as_str() {
            "close" => DayChange::Close,
            "open" => DayChange::Open,
            "cancel-run" => DayChange::CancelDeliveryRun,
            "add-run" => DayChange::AddDeliveryRun,
            "cancel-duty" => DayChange::CancelDuty,
            "add-duty" => DayChange::AddDuty,
            other => {
                return Err(Invalid::BadValue {
                    field: "change",
                    input: other.to_string(),
                }
                .into());
            }
        };
        Ok(DayView::from(
            &lib.change_day(actor, &desk, date(&day)?, change, &reason)?
                .day,
        ))
    })
}

/// C2: the loans of `desk` still out and due on `day`, asked before the day is closed.
#[tauri::command(rename_all = "snake_case")]
pub async fn calendar_loans_due(
    state: State<'_, Desk>,
    desk: String,
    day: String,
) -> CmdResult<u64> {
    state.act(|lib, _| lib.loans_due_on(&desk, date(&day)?))
}

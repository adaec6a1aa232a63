// カレンダー: a month per desk with closures, duty days and delivery runs, weeks from Sunday as
// Japanese wall calendars run. Supervisors close a day, told first how many loans fall due on it,
// and remove a closure (the day is opened again). A click on a day chooses it for the form.

import { api } from "../api";
import { confirmDialog } from "../components/dialog";
import { dateInput, field, input, relabel, select, showError } from "../components/form";
import { h, replace } from "../dom";
import { setScanField } from "../focus";
import { lang, t } from "../i18n";
import { wareki } from "../format";
import { app, deskName, fmt, isSupervisor, today } from "../state";
import type { Day } from "../types";
import type { Screen } from "./screen";

const HEAD_JA = ["日", "月", "火", "水", "木", "金", "土"];
const HEAD_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function monthRange(y: number, m: number): [string, string] {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return [`${y}-${mm}-01`, `${y}-${mm}-${String(last).padStart(2, "0")}`];
}

/** The profile's own closures in the desk's language; a supervisor's reason as typed. */
function closureName(d: Day): string {
  if (lang() !== "en") return d.closure ?? t("closed");
  if (d.closure === "休館日") return t("closed_weekly");
  if (d.closure === "年末年始") return t("closed_year_end");
  return d.closure ?? t("closed");
}

function monthTitle(y: number, m: number): string {
  if (lang() === "en") return `${y}-${String(m).padStart(2, "0")}`;
  if (!app.wareki) return `${y}年${m}月`;
  // The era of the month's last day: May 2019 is 令和元年5月.
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${wareki({ y, m, d: last, weekday: 0 })}${m}月`;
}

function dayCell(d: Day, choose: (d: Day) => void): HTMLElement {
  const n = Number(d.date.slice(8));
  const weekday = new Date(`${d.date}T00:00:00Z`).getUTCDay();
  return h(
    "td",
    {
      class: ["day", d.open ? "open" : "closed", d.holiday || weekday === 0 ? "holiday" : "", weekday === 6 ? "saturday" : "", d.date === today() ? "today" : ""].join(" "),
      "data-date": d.date,
      onclick: () => choose(d),
    },
    h("div", { class: "n" }, String(n)),
    h("div", { class: "what" }, d.open ? t("open") : `✕ ${closureName(d)}`),
    d.holiday ? h("div", { class: "holiday-name" }, d.holiday) : null,
    d.duty ? h("div", { class: "badge duty" }, `◆ ${t("duty")}`) : null,
    d.delivery_run ? h("div", { class: "badge run" }, `▶ ${t("delivery_run")}`) : null,
  );
}

export function calendarScreen(): Screen {
  const now = today();
  let year = Number(now.slice(0, 4));
  let month = Number(now.slice(5, 7));
  const deskOptions = () => (app.info?.desks ?? []).map((d): [string, string] => [d.code, deskName(d.code)]);
  const desk = select("calendar-desk", deskOptions(), app.desk?.code ?? "");
  const title = h("h2", {});
  const grid = h("table", { class: "month", "data-testid": "month" });
  const err = h("div", {});
  const closeDate = dateInput("closure-date");
  const reason = input("closure-reason", { placeholder: t("reason") });
  let shown: Day[] = [];

  /** A click on a day puts it in the form, for a closure or its removal. */
  function choose(d: Day) {
    if (!isSupervisor()) return;
    closeDate.input.value = d.date;
    closeDate.input.dispatchEvent(new Event("input"));
    for (const c of grid.querySelectorAll("td.chosen")) c.classList.remove("chosen");
    grid.querySelector(`td[data-date="${d.date}"]`)?.classList.add("chosen");
  }

  async function render() {
    const [from, to] = monthRange(year, month);
    const days = await api.calendar(desk.value, from, to);
    shown = days;
    title.textContent = `${monthTitle(year, month)} ${deskName(desk.value)}`;
    const lead = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    const cells: (HTMLElement | null)[] = [...Array(lead).fill(null), ...days.map((d) => dayCell(d, choose))];
    const weeks: HTMLElement[] = [];
    for (let i = 0; i < cells.length; i += 7) {
      weeks.push(h("tr", {}, cells.slice(i, i + 7).map((c) => c ?? h("td", { class: "blank" }))));
    }
    replace(grid, h("thead", {}, h("tr", {}, (lang() === "en" ? HEAD_EN : HEAD_JA).map((d) => h("th", {}, d)))), h("tbody", {}, weeks));
    grid.querySelector(`td[data-date="${closeDate.input.value.trim()}"]`)?.classList.add("chosen");
  }

  function shift(by: number) {
    month += by;
    if (month < 1) { month = 12; year -= 1; }
    if (month > 12) { month = 1; year += 1; }
    render().catch((ex) => showError(err, ex));
  }

  /** The form's day, or null with the reason shown. */
  function chosenDay(): string | null {
    const day = closeDate.input.value.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
    replace(err, h("div", { class: "form-error", role: "alert", "data-testid": "form-error" }, t("closure_date_needed")));
    closeDate.input.focus();
    return null;
  }

  /** C2: closing a day asks first, and says how many loans fall due on it (their due dates stay). */
  async function addClosure() {
    try {
      showError(err, null);
      const day = chosenDay();
      if (!day) return;
      if (!reason.value.trim()) {
        replace(err, h("div", { class: "form-error", role: "alert", "data-testid": "form-error" }, t("closure_reason_needed")));
        reason.focus();
        return;
      }
      const due = await api.loansDue(desk.value, day);
      const ok = await confirmDialog(
        t("close_day_title"),
        [
          h("p", { class: "big" }, `${fmt(day)} ${deskName(desk.value)}`),
          h("p", {}, `${t("reason")}: ${reason.value.trim()}`),
          h("p", { class: due > 0 ? "due-warning" : "", "data-testid": "loans-due" }, due > 0 ? t("close_day_due", { n: due }) : t("close_day_none_due")),
        ],
        t("close_day"),
        "warn",
        "close-day-dialog",
      );
      if (!ok) return;
      await api.changeDay(desk.value, day, "close", reason.value);
      reason.value = "";
      await render();
    } catch (ex) {
      showError(err, ex);
    }
  }

  /** A closure removed: the day is opened again, after a question. */
  async function removeClosure() {
    try {
      showError(err, null);
      const day = chosenDay();
      if (!day) return;
      const d = shown.find((x) => x.date === day) ?? (await api.calendar(desk.value, day, day))[0];
      if (d.open) {
        replace(err, h("div", { class: "form-error", role: "alert", "data-testid": "form-error" }, t("closure_none", { day: fmt(day) })));
        return;
      }
      const ok = await confirmDialog(
        t("remove_closure_title"),
        [h("p", { class: "big" }, `${fmt(day)} ${deskName(desk.value)}`), h("p", {}, t("remove_closure_text", { closure: d.closure ?? t("closed") }))],
        t("remove_closure"),
        "warn",
        "remove-closure-dialog",
      );
      if (!ok) return;
      await api.changeDay(desk.value, day, "open", reason.value.trim() || t("closure_removed_reason"));
      reason.value = "";
      await render();
    } catch (ex) {
      showError(err, ex);
    }
  }

  desk.addEventListener("change", () => render().catch((ex) => showError(err, ex)));

  return {
    id: "calendar",
    title: "tab_calendar",
    fkey: "F5",
    mount(root) {
      relabel(desk, deskOptions());
      reason.placeholder = t("reason");
      closeDate.input.dispatchEvent(new Event("kashidashi:relabel"));
      replace(
        root,
        h(
          "div",
          { class: "calendar-screen" },
          h("div", { class: "filters" }, desk, h("button", { onclick: () => shift(-1) }, `PgUp ${t("prev_month")}`), h("button", { onclick: () => shift(1) }, `PgDn ${t("next_month")}`)),
          title,
          grid,
          isSupervisor()
            ? h(
                "form",
                { class: "closure-form", "data-testid": "closure-form", onsubmit: (e: Event) => { e.preventDefault(); addClosure(); } },
                h("h3", {}, t("add_closure")),
                field(t("date"), closeDate.box),
                field(t("reason"), reason),
                h("button", { class: "primary", type: "submit", "data-testid": "closure-add" }, t("add_closure")),
                h("button", { type: "button", class: "danger", "data-testid": "closure-remove", onclick: () => removeClosure() }, t("remove_closure")),
              )
            : null,
          err,
        ),
      );
      setScanField(null);
      render().catch((ex) => showError(err, ex));
    },
    keys: () => [
      { key: "PgUp", label: t("prev_month") },
      { key: "PgDn", label: t("next_month") },
    ],
    onKey(e) {
      if (e.key === "PageUp" || e.key === "PageDown") {
        shift(e.key === "PageUp" ? -1 : 1);
        return true;
      }
      return false;
    },
  };
}

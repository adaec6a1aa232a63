// カレンダー: a month per desk with closures, duty days and delivery runs; supervisors add a
// closure.

import { api } from "../api";
import { dateInput, field, input, select, showError } from "../components/form";
import { h, replace } from "../dom";
import { setScanField } from "../focus";
import { lang, t } from "../i18n";
import { app, deskName, isSupervisor, today } from "../state";
import type { Day } from "../types";
import type { Screen } from "./screen";

const HEAD_JA = ["月", "火", "水", "木", "金", "土", "日"];
const HEAD_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function monthRange(y: number, m: number): [string, string] {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return [`${y}-${mm}-01`, `${y}-${mm}-${String(last).padStart(2, "0")}`];
}

function dayCell(d: Day): HTMLElement {
  const n = Number(d.date.slice(8));
  return h(
    "td",
    { class: ["day", d.open ? "open" : "closed", d.holiday ? "holiday" : "", d.date === today() ? "today" : ""].join(" "), "data-date": d.date },
    h("div", { class: "n" }, String(n)),
    h("div", { class: "what" }, d.open ? t("open") : `✕ ${d.closure ?? t("closed")}`),
    d.holiday ? h("div", { class: "holiday-name" }, d.holiday) : null,
    d.duty ? h("div", { class: "badge duty" }, `◆ ${t("duty")}`) : null,
    d.delivery_run ? h("div", { class: "badge run" }, `▶ ${t("delivery_run")}`) : null,
  );
}

export function calendarScreen(): Screen {
  const now = today();
  let year = Number(now.slice(0, 4));
  let month = Number(now.slice(5, 7));
  const desk = select("calendar-desk", (app.info?.desks ?? []).map((d): [string, string] => [d.code, deskName(d.code)]), app.desk?.code ?? "");
  const title = h("h2", {});
  const grid = h("table", { class: "month", "data-testid": "month" });
  const err = h("div", {});
  const closeDate = dateInput("closure-date");
  const reason = input("closure-reason", { placeholder: t("reason") });

  async function render() {
    const [from, to] = monthRange(year, month);
    const days = await api.calendar(desk.value, from, to);
    title.textContent = lang() === "en" ? `${year}-${String(month).padStart(2, "0")} ${deskName(desk.value)}` : `${year}年${month}月 ${deskName(desk.value)}`;
    const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
    const cells: (HTMLElement | null)[] = [...Array(lead).fill(null), ...days.map(dayCell)];
    const weeks: HTMLElement[] = [];
    for (let i = 0; i < cells.length; i += 7) {
      weeks.push(h("tr", {}, cells.slice(i, i + 7).map((c) => c ?? h("td", { class: "blank" }))));
    }
    replace(grid, h("thead", {}, h("tr", {}, (lang() === "en" ? HEAD_EN : HEAD_JA).map((d) => h("th", {}, d)))), h("tbody", {}, weeks));
  }

  function shift(by: number) {
    month += by;
    if (month < 1) { month = 12; year -= 1; }
    if (month > 12) { month = 1; year += 1; }
    render().catch((ex) => showError(err, ex));
  }

  async function addClosure() {
    try {
      showError(err, null);
      await api.changeDay(desk.value, closeDate.input.value.trim(), "close", reason.value);
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
                h("button", { class: "primary", type: "submit" }, t("add_closure")),
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

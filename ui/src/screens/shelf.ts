// 予約棚: what waits on this desk's hold shelf (first to expire first), what expires today, what
// to clear, and the pull list of copies to fetch from the open shelves.

import { api } from "../api";
import { confirmDialog, notice } from "../components/dialog";
import { dateInput, select, showError } from "../components/form";
import { printActions, printStatus, printedNote } from "../components/printing";
import { h, replace } from "../dom";
import { setScanField } from "../focus";
import { type Key, t } from "../i18n";
import { deskName, fmt, isSupervisor, today } from "../state";
import type { Hold } from "../types";
import type { Screen } from "./screen";

function shelfRow(hd: Hold): HTMLElement {
  const now = today();
  const state = !hd.expires_on ? "" : hd.expires_on < now ? "to-clear" : hd.expires_on === now ? "expires-today" : "";
  const mark = state === "to-clear" ? `✗ ${t("to_clear")}` : state === "expires-today" ? `⚠ ${t("expire_today")}` : "";
  return h(
    "tr",
    { class: state, "data-hold": String(hd.id) },
    h("td", {}, `#${hd.id}`),
    h("td", {}, h("code", {}, hd.item ?? "")),
    h("td", { class: "title" }, hd.title),
    h("td", {}, h("code", {}, hd.card)),
    h("td", {}, deskName(hd.pickup)),
    h("td", {}, fmt(hd.expires_on)),
    h("td", {}, mark),
  );
}

const REPORTS = ["hold-shelf", "expired-holds", "pull-list", "delivery-run", "duty-sheet", "overdue", "daily-stats"] as const;

/** Supervisors' reports for this desk, as PDF (and CSV beside it), to preview or print. */
function reportsBox(): HTMLElement {
  const kind = select("report-kind", REPORTS.map((k): [string, string] => [k, t(`report_${k.replace(/-/g, "_")}` as Key)]));
  const day = dateInput("report-date", today());
  const out = h("div", { "data-testid": "report-out" });
  const status = printStatus();
  const make = async () => {
    try {
      const printed = await api.printReport(kind.value, day.input.value.trim() || null);
      const buttons = printActions(printed, status.report).map((a) => h("button", { onclick: () => a.act() }, a.label));
      replace(out, printedNote(printed), printed.csv ? h("p", { class: "printed" }, "CSV ", h("code", {}, printed.csv)) : null, h("div", { class: "actions" }, buttons), status.el);
    } catch (ex) {
      showError(out, ex);
    }
  };
  return h(
    "section",
    { class: "reports-box" },
    h("h2", {}, t("reports")),
    h("div", { class: "filters" }, kind, day.box, h("button", { class: "primary", "data-testid": "report-make", onclick: () => make() }, t("report_make"))),
    out,
  );
}

export function shelfScreen(): Screen {
  const shelf = h("tbody", { "data-testid": "shelf" });
  const pull = h("tbody", { "data-testid": "pull" });
  const err = h("div", {});

  async function refresh() {
    const [holds, pulls] = await Promise.all([api.shelf(), api.pullList()]);
    replace(shelf, holds.map(shelfRow));
    replace(
      pull,
      pulls.map((p) =>
        h("tr", {}, h("td", {}, p.collection), h("td", {}, p.call_number ?? ""), h("td", {}, h("code", {}, p.item ?? "")), h("td", { class: "title" }, p.title), h("td", {}, `#${p.id} → ${deskName(p.pickup)}`)),
      ),
    );
  }

  async function expire() {
    if (!(await confirmDialog(t("expire_title"), [t("expire_text")], t("expire_run"), "warn", "expire-dialog"))) return;
    try {
      const expired = await api.expireShelf();
      await notice(t("expire_run"), [h("p", {}, t("expire_done", { n: expired.length })), h("ul", {}, expired.map((x) => h("li", {}, `#${x.hold} ${x.title} ${x.item ?? ""}`)))], expired.length > 0 ? "warn" : "ok");
      await refresh();
    } catch (ex) {
      showError(err, ex);
    }
  }

  return {
    id: "shelf",
    title: "tab_shelf",
    fkey: "F4",
    mount(root) {
      replace(
        root,
        h(
          "div",
          { class: "shelf-screen" },
          h("h2", {}, t("shelf_title")),
          isSupervisor() ? h("button", { onclick: () => expire(), "data-testid": "expire" }, `F6 ${t("expire_run")}`) : null,
          err,
          h("table", { class: "list" }, h("thead", {}, h("tr", {}, ["#", t("items"), t("title"), t("card"), t("pickup"), t("expires"), ""].map((c) => h("th", {}, c)))), shelf),
          h("h2", {}, t("pull_list")),
          h("table", { class: "list" }, h("thead", {}, h("tr", {}, ["", t("call_number"), t("items"), t("title"), ""].map((c) => h("th", {}, c)))), pull),
          isSupervisor() ? reportsBox() : null,
        ),
      );
      setScanField(null);
      refresh().catch((ex) => showError(err, ex));
    },
    keys: () => (isSupervisor() ? [{ key: "F6", label: t("expire_run") }] : []),
    onKey(e) {
      if (e.key === "F6" && isSupervisor()) {
        expire();
        return true;
      }
      return false;
    },
  };
}

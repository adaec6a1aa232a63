// 蔵書点検 (C21): a supervisor starts a count of a collection; staff scan the shelves into the
// scan field (each scan a result row at once, focus kept in the field); finishing marks every
// copy not seen 不明 and lists them, so staff know what to search for. A count started at another
// desk is listed to resume: every desk scans into the same one.

import { ApiError, api } from "../api";
import { confirmDialog } from "../components/dialog";
import { select, showError } from "../components/form";
import { reasonList } from "../components/reasons";
import type { Outcome } from "../components/sessionLog";
import { h, replace } from "../dom";
import { refocus, setScanField } from "../focus";
import { type Key, t } from "../i18n";
import { fmt, isSupervisor } from "../state";
import type { OpenStocktake, StocktakeSummary } from "../types";
import type { Screen } from "./screen";

const COLLECTIONS = ["general", "northern"] as const;

function collectionName(code: string): string {
  return (COLLECTIONS as readonly string[]).includes(code) ? t(`collection_${code}` as Key) : code;
}

export function stocktakeScreen(): Screen {
  // The count outlives a change of screen: staff leave it for a loan and come back to scan on.
  let open: { id: number; collection: string; scanned: number } | null = null;
  let finished: StocktakeSummary | null = null;
  /** Counts still open in the database, from any desk, as of the screen's last mount. */
  let running: OpenStocktake[] = [];
  const rows = h("tbody", { "data-testid": "stocktake-rows" });
  const err = h("div", {});
  const scanInput = h("input", { id: "stocktake-scan", class: "scan-input", "data-testid": "stocktake-scan", autocomplete: "off", spellcheck: "false" });
  let root: HTMLElement | null = null;
  let queue = Promise.resolve();

  function addRow(code: string, outcome: Outcome, title: string, detail: (Node | string)[]) {
    rows.prepend(
      h(
        "tr",
        { class: `row-${outcome}`, "data-outcome": outcome, "data-code": code },
        h("td", { class: "icon" }, { ok: "✓", refused: "✗", cancelled: "↶", ignored: "⟲", warn: "⚠" }[outcome]),
        h("td", {}, h("code", {}, code)),
        h("td", { class: "title" }, title),
        h("td", { class: "detail" }, ...detail),
      ),
    );
  }

  async function scanCode(raw: string) {
    const code = raw.trim();
    if (!code || !open) return;
    try {
      const out = await api.stocktakeScan(open.id, code);
      if (out.first) open.scanned += 1;
      const outcome: Outcome = out.found ? "warn" : out.first ? "ok" : "ignored";
      const what = out.found ? t("stocktake_found") : out.first ? t("stocktake_seen") : t("stocktake_again");
      addRow(out.item.barcode, outcome, out.item.title, [what, out.item.call_number ? ` ${out.item.call_number}` : ""]);
    } catch (ex) {
      const reasons = ex instanceof ApiError ? ex.reasons : [{ code: "app.internal", rule: null, message: String(ex), overridable: false }];
      addRow(code, "refused", "", [reasonList(reasons)]);
    }
    render();
  }

  scanInput.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      const raw = scanInput.value;
      scanInput.value = "";
      queue = queue.then(() => scanCode(raw));
    }
  });

  async function start(collection: string) {
    try {
      showError(err, null);
      const id = await api.stocktakeStart(collection);
      open = { id, collection, scanned: 0 };
      finished = null;
      replace(rows);
      render();
    } catch (ex) {
      showError(err, ex);
    }
  }

  async function finish() {
    if (!open) return;
    if (!(await confirmDialog(t("stocktake_finish_title"), [t("stocktake_finish_text")], t("stocktake_finish"), "warn", "stocktake-finish-dialog"))) return;
    try {
      showError(err, null);
      await queue;
      finished = await api.stocktakeFinish(open.id);
      open = null;
      render();
      void loadRunning();
    } catch (ex) {
      showError(err, ex);
    }
  }

  function resume(s: OpenStocktake) {
    open = { id: s.id, collection: s.collection, scanned: s.scanned };
    finished = null;
    replace(rows);
    render();
  }

  function resumeList(): HTMLElement | null {
    if (running.length === 0) return null;
    return h(
      "section",
      { class: "stocktake-running" },
      h("h3", {}, t("stocktake_resume_title")),
      h(
        "ul",
        { "data-testid": "stocktake-running" },
        running.map((s) =>
          h(
            "li",
            { "data-id": String(s.id) },
            t("stocktake_open_line", { id: s.id, collection: collectionName(s.collection), date: fmt(s.started_on), staff: s.started_by, n: s.scanned }),
            " ",
            h("button", { class: "primary", "data-testid": "stocktake-resume", onclick: () => resume(s) }, t("stocktake_resume")),
          ),
        ),
      ),
    );
  }

  async function loadRunning() {
    try {
      const now = await api.stocktakesOpen();
      // Drawn again only when it changed: a form staff are filling in stays as it is.
      if (JSON.stringify(now) === JSON.stringify(running)) return;
      running = now;
    } catch (ex) {
      showError(err, ex);
    }
    render();
  }

  function startForm(): HTMLElement | null {
    if (!isSupervisor()) return null;
    const collection = select("stocktake-collection", COLLECTIONS.map((c): [string, string] => [c, collectionName(c)]));
    return h(
      "div",
      { class: "filters" },
      h("label", { class: "field" }, h("span", { class: "label" }, t("stocktake_collection")), collection),
      h("button", { class: "primary", "data-testid": "stocktake-start", onclick: () => start(collection.value) }, t("stocktake_start")),
    );
  }

  function missingList(s: StocktakeSummary): HTMLElement {
    return h(
      "section",
      { "data-testid": "stocktake-result" },
      h("p", { class: "status status-ok" }, t("stocktake_done", { id: s.id, n: s.scanned })),
      h("h3", {}, t("stocktake_missing", { n: s.missing.length })),
      h(
        "table",
        { class: "list" },
        h("thead", {}, h("tr", {}, [t("items"), t("title"), t("call_number")].map((c) => h("th", {}, c)))),
        h(
          "tbody",
          { "data-testid": "stocktake-missing" },
          s.missing.map((m) => h("tr", { "data-item": m.barcode }, h("td", {}, h("code", {}, m.barcode)), h("td", { class: "title" }, m.title), h("td", {}, m.call_number ?? ""))),
        ),
      ),
    );
  }

  function render() {
    if (!root) return;
    scanInput.placeholder = t("stocktake_scan_placeholder");
    const counting = open
      ? h(
          "div",
          { class: "stocktake-open" },
          h(
            "div",
            { class: "scan-bar" },
            h("strong", { "data-testid": "stocktake-status" }, `${t("stocktake_open", { id: open.id, collection: collectionName(open.collection) })} · ${t("stocktake_scanned", { n: open.scanned })}`),
            scanInput,
            isSupervisor() ? h("button", { "data-testid": "stocktake-finish", onclick: () => finish() }, t("stocktake_finish")) : null,
          ),
          h("div", { class: "results" }, h("table", { class: "results-table" }, rows)),
        )
      : null;
    replace(
      root,
      h(
        "div",
        { class: "stocktake-screen" },
        h("h2", {}, t("stocktake_title")),
        h("p", {}, t("stocktake_text")),
        open ? null : resumeList(),
        open ? null : startForm(),
        err,
        counting,
        finished ? missingList(finished) : null,
      ),
    );
    setScanField(open ? scanInput : null);
    if (open) refocus(true);
    else root.querySelector<HTMLElement>("[data-testid=stocktake-resume]")?.focus();
  }

  return {
    id: "stocktake",
    title: "tab_stocktake",
    fkey: "Ctrl+T",
    mount(el) {
      root = el;
      render();
      if (!open) void loadRunning();
    },
    keys: () => [],
  };
}

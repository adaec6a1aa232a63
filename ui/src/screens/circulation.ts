// 貸出・返却: one scan field that always has focus. A card opens the patron panel; items are lent
// in checkout mode and checked in in return mode. Every scan becomes a row at once. A new card
// folds the rows of the patron before, so the next in the queue does not read them (C6).
// Every item row can mark its copy (C21, Ctrl+M for the newest). Book-drop mode (Ctrl+B) checks
// in the copies taken out of the book drop with the day they were dropped (H11, C23).

import { ApiError, api } from "../api";
import { confirmDialog, notice } from "../components/dialog";
import { dateInput } from "../components/form";
import { parseTypedDay } from "../format";
import { chooseMark } from "../components/markItem";
import { printActions, printStatus, printedNote } from "../components/printing";
import { patronPanel } from "../components/patronPanel";
import { reasonList } from "../components/reasons";
import { type Outcome, SessionLog } from "../components/sessionLog";
import { h, replace } from "../dom";
import { refocus, setScanField } from "../focus";
import { t } from "../i18n";
import { DoubleScanGuard, ScanDetector, type Source, cleanInput } from "../scan";
import { app, deskName, fmt, isSupervisor, today } from "../state";
import type { Checkin, LoanLine, Panel, Reason } from "../types";
import type { Screen } from "./screen";

type Mode = "checkout" | "return" | "book-drop";

/** H15: a hand-in day other than today ends by itself after this long. */
const BACKDATE_MINUTES = 10;

export function circulationScreen(): Screen {
  let mode: Mode = "checkout";
  let panel: Panel | null = null;
  /** The selected loan, by its copy: a renewal re-sorts the list, the selection stays put. */
  let selectedItem: string | null = null;
  let returnedOn = today();
  let backdateTimer: ReturnType<typeof setTimeout> | undefined;
  /** Result rows since the last card; `seq` numbers every row of the session. */
  let shownRows = 0;
  let seq = 0;
  let pending: Promise<void> = Promise.resolve();
  /** The copy of the newest item row: Ctrl+M marks it. */
  let lastItem: { barcode: string; title: string } | null = null;
  const detector = new ScanDetector();
  const guard = new DoubleScanGuard();
  const log = new SessionLog();

  const input = h("input", {
    id: "scan",
    class: "scan-input",
    "data-testid": "scan",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: t("scan_placeholder"),
    "aria-label": t("scan_label"),
  });
  const modeBadge = h("div", { class: "mode", "data-testid": "mode" });
  const status = h("div", { class: "status", role: "status", "data-testid": "status" });
  const rows = h("tbody", { "data-testid": "results" });
  const panelBox = h("div", { class: "panel-box" });
  const handedIn = dateInput("returned-on", returnedOn, (v) => parseTypedDay(v, today()));
  const hint = h("small", {}, t("returned_on_hint"));
  const dateLabel = h("span", {}, t("returned_on"));
  const dateError = h("span", { class: "date-error", role: "alert", "data-testid": "returned-on-error" });
  const dateBox = h("label", { class: "returned-on" }, dateLabel, " ", handedIn.box, dateError, hint);
  const backdateBanner = h("div", { class: "backdate-banner", role: "status", "data-testid": "backdate", hidden: true });
  const bookDropBanner = h("div", { class: "backdate-banner book-drop-banner", role: "status", "data-testid": "book-drop", hidden: true });

  /** H15: a day other than today is for the patron at the counter, and never outlives them. */
  function setReturnedOn(day: string) {
    returnedOn = day;
    handedIn.input.value = day;
    handedIn.input.dispatchEvent(new Event("input"));
    clearTimeout(backdateTimer);
    const active = day !== today();
    if (active) backdateTimer = setTimeout(() => endBackdate(), BACKDATE_MINUTES * 60_000);
    renderBackdate();
  }

  /** The banner in the language and era of now (F10 and F11 mount the screen again). */
  function renderBackdate() {
    const active = returnedOn !== today();
    backdateBanner.hidden = !active;
    document.body.classList.toggle("backdated", active);
    replace(backdateBanner, active ? [h("strong", {}, `⚠ ${t("backdate_active", { date: fmt(returnedOn) })}`), " ", h("small", {}, t("backdate_ends", { n: BACKDATE_MINUTES }))] : []);
  }

  function endBackdate() {
    if (returnedOn === today()) return;
    setReturnedOn(today());
    say(t("backdate_ended"), "ok");
  }

  handedIn.input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      dateError.textContent = "";
      setReturnedOn(today());
      refocus(true);
    } else if (e.key === "Enter") {
      e.preventDefault();
      const typed = handedIn.input.value;
      const day = parseTypedDay(typed, today());
      if (!day) {
        // Never fall back to today in silence: the staff member meant another day.
        dateError.textContent = t("returned_on_unreadable", { text: typed.trim() });
        handedIn.input.select();
        return;
      }
      dateError.textContent = "";
      setReturnedOn(day);
      refocus(true);
    }
  });

  function setMode(m: Mode) {
    if (m !== "return") endBackdate();
    if (mode === "book-drop" && m !== "book-drop") say(t("book_drop_ended"), "ok");
    mode = m;
    modeBadge.className = `mode mode-${m}`;
    modeBadge.textContent = { checkout: `▶ ${t("mode_checkout")}`, return: `◀ ${t("mode_return")}`, "book-drop": `⇩ ${t("mode_book_drop")}` }[m];
    document.body.dataset.mode = m;
    dateBox.hidden = m !== "return";
    // H11: what is in the drop went in while the desk was closed; the core dates each return.
    bookDropBanner.hidden = m !== "book-drop";
    replace(bookDropBanner, m === "book-drop" ? [h("strong", {}, `⇩ ${t("book_drop_active")}`), " ", h("small", {}, t("book_drop_ends"))] : []);
    refocus(true);
  }

  function say(text: string, outcome: Outcome) {
    status.textContent = text;
    status.className = `status status-${outcome}`;
  }

  /** A result row: appears the moment the answer is in, with how long the scan took. */
  function addRow(code: string, started: number, outcome: Outcome, title: string, detail: (Node | string)[], item = false): HTMLElement {
    // C21: a row about a copy offers its marks (紛失, 汚損, ...); Ctrl+M takes the newest.
    const mark = item
      ? h("button", { class: "small", "data-testid": "mark", title: "Ctrl+M", onclick: () => queueWork(() => markItem(code, title)) }, t("mark_key"))
      : null;
    if (item) lastItem = { barcode: code, title };
    const row = h(
      "tr",
      { class: `row-${outcome}`, "data-outcome": outcome, "data-code": code },
      h("td", { class: "icon" }, { ok: "✓", refused: "✗", cancelled: "↶", ignored: "⟲", warn: "⚠" }[outcome]),
      h("td", {}, h("code", {}, code)),
      h("td", { class: "title" }, title),
      h("td", { class: "detail" }, ...detail, mark ? " " : "", mark),
    );
    row.dataset.elapsedMs = (performance.now() - started).toFixed(1);
    seq += 1;
    shownRows += 1;
    row.dataset.seq = String(seq);
    rows.prepend(row);
    return row;
  }

  /** The rows of the patron before (names, titles) fold into one line with no data (C6). */
  function foldRows() {
    lastItem = null;
    if (shownRows === 0) return;
    const n = shownRows;
    shownRows = 0;
    replace(rows, h("tr", { class: "fold", "data-testid": "fold" }, h("td", { colspan: "4" }, t("rows_folded", { n }))));
    say("", "ok");
  }

  function renderPanel() {
    if (!panel) {
      replace(panelBox);
      return;
    }
    const at = panel.loans.findIndex((l) => l.item === selectedItem);
    const selected = at >= 0 ? at : 0;
    selectedItem = panel.loans[selected]?.item ?? null;
    replace(panelBox, patronPanel(panel, selected, { renew: (l) => queueWork(() => renew(l)), receipt: () => queueWork(receipt) }));
  }

  async function openPatron(card: string) {
    const next = await api.patronPanel(card);
    if (panel?.patron.card !== next.patron.card) {
      foldRows();
      endBackdate();
      selectedItem = null;
    }
    panel = next;
    renderPanel();
  }

  async function refreshPatron() {
    if (!panel) return;
    panel = await api.patronPanel(panel.patron.card);
    renderPanel();
  }

  function reasonsOf(e: unknown): Reason[] {
    return e instanceof ApiError ? e.reasons : [{ code: "app.internal", rule: null, message: String(e), overridable: false }];
  }

  /** A refusal: a row with every reason; for supervisors, an override after confirmation. */
  async function refused(code: string, source: Source | null, started: number, e: unknown, retry: (() => Promise<void>) | null, item = false) {
    const reasons = reasonsOf(e);
    const row = addRow(code, started, "refused", "", [reasonList(reasons)], item);
    // The refused copy's title, so staff see which book it was (a card or an unknown code has none).
    // Not when the server did not answer: the indicator stays red until the next scan gets through.
    if (item && !(e instanceof ApiError && e.code === "app.server_unreachable")) {
      api
        .itemShow(code)
        .then((r) => {
          const cell = row.querySelector("td.title");
          if (cell) cell.textContent = r.item.title;
        })
        .catch(() => undefined);
    }
    say(reasons.map((r) => r.message).join(" / "), "refused");
    log.add(code, source, "refused", reasons.map((r) => r.message).join(" / "));
    if (retry && e instanceof ApiError && e.view.overridable && isSupervisor()) {
      const yes = await confirmDialog(t("override_title"), [t("override_text"), reasonList(reasons)], t("override_do"), "warn", "override-dialog");
      if (yes) await retry();
      else log.add(code, source, "cancelled", t("cancelled"));
    }
  }

  async function checkout(card: string, item: string, source: Source, started: number, override = false) {
    try {
      const out = await api.checkout(card, item, override);
      addRow(item, started, "ok", out.loan.title, [
        `${t("due")} `,
        h("strong", {}, fmt(out.loan.due_date)),
        override ? h("span", { class: "tag tag-danger", "data-testid": "overridden" }, ` ${t("overridden")}`) : "",
      ], true);
      say(`${t("lent")}: ${out.loan.title} — ${t("due")} ${fmt(out.loan.due_date)}`, "ok");
      log.add(item, source, "ok", `${t("lent")} ${out.loan.title}`);
      await refreshPatron();
    } catch (e) {
      await refused(item, source, started, e, override ? null : () => checkout(card, item, source, performance.now(), true), true);
    }
  }

  async function announce(out: Checkin) {
    const slip = out.slip;
    // A print's outcome shows in the dialog that offered it, not behind the backdrop.
    const printing = printStatus();
    const withSlip = (body: (Node | string)[]) => (slip ? [...body, printedNote(slip), printing.el] : body);
    const extra = slip ? printActions(slip, printing.report) : [];
    const shown = trapDialog(out);
    if (shown) await notice(shown.title, withSlip(shown.body), "warn", shown.testId, extra);
  }

  /** Where a returned copy goes when it is not back to this shelf: a hold, a transit. */
  function trapDialog(out: Checkin): { title: string; testId: string; body: (Node | string)[] } | null {
    const tr = out.trapped;
    if (tr && tr.route === "shelf" && tr.status === "awaiting-return") {
      return { title: t("trap_shelf_title"), testId: "trap-dialog", body: [h("p", {}, tr.title), h("p", {}, t("trap_awaiting"))] };
    }
    if (tr && tr.route === "shelf" && app.info?.desks.find((d) => d.code === tr.destination)?.kind === "home") {
      return { title: t("trap_shelf_title"), testId: "trap-dialog", body: [h("p", {}, tr.title), h("p", {}, t("trap_home", { from: fmt(tr.available_from) }))] };
    }
    if (tr && tr.route === "shelf") {
      return {
        title: t("trap_shelf_title"),
        testId: "trap-dialog",
        body: [
          h("p", { class: "big" }, "★ ", tr.title),
          h("p", {}, t("trap_shelf", { desk: deskName(tr.destination), until: fmt(tr.expires_on) })),
          h("p", { "data-testid": "trap-pickup" }, t("trap_pickup_chosen", { desk: deskName(tr.destination) })),
          h("p", {}, `#${tr.hold} ${tr.card_masked}`),
        ],
      };
    }
    if (tr) {
      const text = tr.delivery_run
        ? t("trap_partner", { desk: deskName(tr.destination), run: fmt(tr.delivery_run), from: fmt(tr.available_from) })
        : t("trap_transit", { desk: deskName(tr.destination) });
      return {
        title: t("trap_transit_title"),
        testId: "trap-dialog",
        body: [
          h("p", { class: "big" }, "→ ", deskName(tr.destination)),
          h("p", {}, tr.title),
          h("p", {}, text),
          h("p", { "data-testid": "trap-pickup" }, t("trap_pickup_chosen", { desk: deskName(tr.destination) })),
        ],
      };
    }
    if (out.transit) {
      const to = deskName(out.transit.to);
      return { title: t("transit_home_title"), testId: "transit-dialog", body: [h("p", { class: "big" }, "→ ", to), h("p", {}, out.item.title), h("p", {}, t("transit_home", { desk: to }))] };
    }
    return null;
  }

  async function checkin(item: string, source: Source, started: number, override = false) {
    const bookDrop = mode === "book-drop";
    const day = !bookDrop && returnedOn !== today() ? returnedOn : null;
    try {
      const out = bookDrop ? await api.checkinBookDrop(item, null, override) : await api.checkin(item, day, override);
      const where = out.trapped ? `★ ${deskName(out.trapped.destination)}` : out.transit ? `→ ${deskName(out.transit.to)}` : "";
      const outcome: Outcome = out.overdue || out.trapped || out.transit ? "warn" : "ok";
      const what = out.received ? t("received") : t("returned");
      const usedDay = out.loan?.returned_on ?? day;
      const dayNote =
        bookDrop && out.loan?.returned_on
          ? h("strong", { class: "backdated-day", "data-testid": "returned-as-of" }, ` ${t("book_drop_returned", { date: fmt(out.loan.returned_on) })}`)
          : day && usedDay
            ? h("strong", { class: "backdated-day", "data-testid": "returned-as-of" }, ` ${t("returned_as_of", { date: fmt(usedDay) })}`)
            : "";
      addRow(item, started, outcome, out.item.title, [what, dayNote, out.overdue ? ` ⚠ ${t("overdue")}` : "", where ? ` ${where}` : ""], true);
      say(`${what}: ${out.item.title} ${where}`, outcome);
      log.add(item, source, outcome, `${what} ${out.item.title} ${where}`);
      await announce(out);
      await refreshPatron();
    } catch (e) {
      await refused(item, source, started, e, override ? null : () => checkin(item, source, performance.now(), true), true);
    }
  }

  async function renew(line: LoanLine, override = false) {
    selectedItem = line.item;
    if (!override && line.renewable && line.renewal_due <= line.due_date) {
      // C10 counts from today: a loan made today keeps its date and loses its one renewal.
      const body = [h("p", { class: "big" }, line.title), h("p", {}, t("renew_no_change_text", { due: fmt(line.due_date) }))];
      if (!(await confirmDialog(t("renew_no_change_title"), body, t("renew_anyway"), "warn", "renew-dialog"))) {
        addRow(line.item, performance.now(), "cancelled", line.title, [t("renew_not_done")], true);
        log.add(line.item, null, "cancelled", t("renew_not_done"));
        return;
      }
    }
    const started = performance.now();
    try {
      const loan = await api.renew(line.item, override);
      addRow(line.item, started, "ok", loan.title, [`${t("renewed")} → ${t("due")} `, h("strong", {}, fmt(loan.due_date))], true);
      say(`${t("renewed")}: ${loan.title} → ${fmt(loan.due_date)}`, "ok");
      log.add(line.item, null, "ok", `${t("renewed")} ${loan.title}`);
      await refreshPatron();
    } catch (e) {
      await refused(line.item, null, started, e, override ? null : () => renew(line, true), true);
    }
  }

  /** C21: the copy of an item row marked 紛失, 汚損, ... or back in circulation; the core's
   * refusals (a damaged copy still on loan, a claim for a copy on the shelf) come back by name. */
  async function markItem(barcode: string, title: string) {
    const choice = await chooseMark(barcode, title);
    if (!choice) {
      addRow(barcode, performance.now(), "cancelled", title, [t("mark_not_done")], true);
      log.add(barcode, null, "cancelled", t("mark_not_done"));
      return;
    }
    const started = performance.now();
    try {
      const out = await api.markItem(barcode, choice.to, choice.note);
      const state = out.item.status_label;
      const what = out.changed ? t("marked", { state }) : t("marked_same", { state });
      const where = out.trapped ? ` ★ ${deskName(out.trapped.destination)}` : out.transit ? ` → ${deskName(out.transit.to)}` : "";
      addRow(barcode, started, out.changed ? "ok" : "ignored", out.item.title, [h("strong", { "data-testid": "marked" }, what), where], true);
      say(`${out.item.title}: ${what}${where}`, out.changed ? "ok" : "ignored");
      log.add(barcode, null, out.changed ? "ok" : "ignored", what);
      await refreshPatron();
    } catch (e) {
      await refused(barcode, null, started, e, null, true);
    }
  }

  /** The checkout receipt for the patron at the desk: every loan with its due date. */
  async function receipt() {
    if (!panel) return;
    try {
      const printed = await api.printReceipt(panel.patron.card);
      const printing = printStatus();
      await notice(t("receipt"), [panel.patron.name, printedNote(printed), printing.el], "info", "receipt-dialog", printActions(printed, printing.report));
    } catch (e) {
      say(e instanceof ApiError ? e.message : String(e), "refused");
    }
  }

  async function onScan(code: string, source: Source, started: number) {
    let kind: "patron" | "item";
    let value: string;
    try {
      ({ kind, value } = await api.scan(code));
    } catch (e) {
      await refused(code, source, started, e, null);
      return;
    }
    if (kind === "patron") {
      try {
        await openPatron(value);
        setMode("checkout");
        addRow(value, started, "ok", panel?.patron.name ?? "", [t("card")]);
        // The log stays in the session longer than the patron: the card, not the name.
        log.add(value, source, "ok", t("card"));
        say(panel?.patron.name ?? "", "ok");
      } catch (e) {
        await refused(value, source, started, e, null);
      }
    } else if (mode === "return" || mode === "book-drop") {
      await checkin(value, source, started);
    } else if (!panel) {
      const reason: Reason = { code: "app.need_patron", rule: "C3", message: t("need_patron"), overridable: false };
      addRow(value, started, "refused", "", [reasonList([reason])]);
      say(reason.message, "refused");
      log.add(value, source, "refused", reason.message);
    } else {
      await checkout(panel.patron.card, value, source, started);
    }
  }

  /** Scans can arrive faster than answers: they are handled in the order they came. */
  function queueWork(work: () => Promise<void>) {
    pending = pending.then(work).catch((e) => say(String(e), "refused")).finally(() => refocus());
  }

  /** A code from the field, or held while a dialog was open: in the order it came. */
  function accept(raw: string, source: Source, started: number) {
    const code = cleanInput(raw);
    if (!code) return;
    if (guard.isRepeat(code, started)) {
      addRow(code, started, "ignored", "", [t("double_scan")]);
      log.add(code, source, "ignored", t("double_scan"));
      say(t("double_scan"), "ignored");
      return;
    }
    queueWork(() => onScan(code, source, started));
  }

  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      const started = performance.now();
      const raw = input.value;
      input.value = "";
      accept(raw, detector.finish(), started);
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (input.value) input.value = "";
      else if (mode === "book-drop") setMode("return");
      else if (panel) {
        log.add(panel.patron.card, null, "cancelled", t("card"));
        panel = null;
        selectedItem = null;
        renderPanel();
        foldRows();
        endBackdate();
      }
    } else if (e.key.length === 1) {
      detector.key(performance.now());
    }
  });

  return {
    id: "circulation",
    title: "tab_circulation",
    fkey: "F1",
    mount(root) {
      const dutyRoom = app.desk?.kind === "duty-room";
      // The screen outlives a change of language (F10): its words are set again here.
      input.placeholder = t("scan_placeholder");
      input.setAttribute("aria-label", t("scan_label"));
      dateLabel.textContent = t("returned_on");
      hint.textContent = t("returned_on_hint");
      handedIn.input.dispatchEvent(new Event("input"));
      renderBackdate();
      replace(
        root,
        h(
          "div",
          { class: "circulation" },
          h("div", { class: "scan-bar" }, modeBadge, h("label", { class: "scan-label", for: "scan" }, t("scan_label")), input, dateBox),
          backdateBanner,
          bookDropBanner,
          status,
          h(
            "div",
            { class: "circulation-main" },
            h("div", { class: "results" }, h("table", { class: "results-table" }, rows)),
            panelBox,
          ),
          h("details", { class: "log-box", "data-testid": "log-box" }, h("summary", {}, t("session_log")), log.el),
        ),
      );
      dateBox.classList.toggle("prominent", dutyRoom);
      hint.hidden = !dutyRoom;
      setMode(mode);
      renderPanel();
      setScanField(input, (code) => accept(code, "scanner", performance.now()));
      document.body.dataset.scanReadyAt ??= String(Date.now());
    },
    keys: () => [
      { key: "F6", label: t("mode_checkout") },
      { key: "F7", label: t("mode_return") },
      { key: "F8", label: t("returned_on") },
      { key: "F9", label: t("renew") },
      { key: "Ctrl+B", label: t("mode_book_drop") },
      { key: "Ctrl+M", label: t("mark_key") },
      { key: "↑↓", label: t("loans") },
      { key: "Ctrl+P", label: t("receipt") },
      { key: "Esc", label: t("cancel").replace(/\s*\(.*\)/, "") },
    ],
    onKey(e) {
      if (e.ctrlKey && e.key.toLowerCase() === "p") {
        queueWork(receipt);
        return true;
      }
      if (e.ctrlKey && e.key.toLowerCase() === "b") {
        setMode(mode === "book-drop" ? "return" : "book-drop");
        return true;
      }
      if (e.ctrlKey && e.key.toLowerCase() === "m") {
        const last = lastItem;
        if (last) queueWork(() => markItem(last.barcode, last.title));
        return true;
      }
      switch (e.key) {
        case "F6":
          setMode("checkout");
          return true;
        case "F7":
          setMode("return");
          return true;
        case "F8":
          setMode("return");
          handedIn.input.select();
          return true;
        case "F9": {
          const line = panel?.loans.find((l) => l.item === selectedItem);
          if (line) queueWork(() => renew(line));
          return true;
        }
        case "ArrowDown":
        case "ArrowUp":
          if (panel && panel.loans.length > 0) {
            const n = panel.loans.length;
            const at = Math.max(0, panel.loans.findIndex((l) => l.item === selectedItem));
            selectedItem = panel.loans[(at + (e.key === "ArrowDown" ? 1 : n - 1)) % n].item;
            renderPanel();
            return true;
          }
          return false;
        default:
          return false;
      }
    },
  };
}

// Modal dialogs, one at a time and in order. The dialog holds the keyboard: Tab and Shift+Tab
// stay inside it, the page behind is inert, Escape backs out. A scanner keeps sending while a
// dialog is up, so keys typed into the dialog are collected: digits then Enter (or Tab) are a
// scan, handed to the scan field's owner to process after the dialog (or refused in the dialog
// when no screen takes scans), never an answer to the question. A dialog that commits something
// takes Ctrl+Enter or a click, never the bare Enter a scanner ends every code with.

import { h } from "../dom";
import { dialogClosed, dialogOpened, holdScan } from "../focus";
import { t } from "../i18n";

export type Tone = "info" | "ok" | "warn" | "danger";

export interface DialogSpec<T> {
  title: string;
  body: (Node | string)[];
  tone?: Tone;
  /** The Enter action (Ctrl+Enter when `commits`). */
  primary: { label: string; value: T };
  /** The Escape action; without it Escape also closes with `primary`'s value. */
  cancel?: { label: string; value: T };
  /** Extra buttons (printing, say) that act without closing; `key` is their shortcut. */
  extra?: { label: string; key?: string; act: () => void }[];
  /** The primary action changes something (an override, a cancellation): a deliberate key. */
  commits?: boolean;
  testId?: string;
  /** Where the keyboard starts (a choice to make); the primary button otherwise. */
  focus?: HTMLElement;
}

const FOCUSABLE = "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

let queue: Promise<unknown> = Promise.resolve();

export function showDialog<T>(spec: DialogSpec<T>): Promise<T> {
  const next = queue.then(() => open(spec));
  queue = next.catch(() => undefined);
  return next;
}

function isEditable(el: EventTarget | null): boolean {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

/** Everything but the dialogs stops taking focus and clicks while one is open. */
function setBackgroundInert(inert: boolean) {
  for (const el of Array.from(document.body.children)) {
    if (!el.classList.contains("backdrop")) (el as HTMLElement).inert = inert;
  }
}

function open<T>(spec: DialogSpec<T>): Promise<T> {
  return new Promise((resolve) => {
    dialogOpened();
    const primaryLabel = spec.commits ? `${spec.primary.label} (Ctrl+Enter)` : spec.primary.label;
    const primary = h("button", { class: "primary", "data-testid": "dialog-primary" }, primaryLabel);
    const cancelValue = spec.cancel ? spec.cancel.value : spec.primary.value;
    const cancel = spec.cancel ? h("button", { "data-testid": "dialog-cancel" }, spec.cancel.label) : null;
    const extras = (spec.extra ?? []).map((x) => h("button", { onclick: () => x.act(), "data-key": x.key ?? "" }, x.label));
    const held = h("div", { class: "dialog-held", "data-testid": "dialog-held", "aria-live": "polite" });
    const hint = h("p", { class: "dialog-hint", "data-testid": "dialog-hint", "aria-live": "assertive" });
    const box = h(
      "div",
      { class: `dialog tone-${spec.tone ?? "info"}`, role: "dialog", "aria-modal": "true", "data-testid": spec.testId ?? "dialog" },
      h("h2", {}, spec.title),
      h("div", { class: "dialog-body" }, ...spec.body),
      held,
      hint,
      h("div", { class: "dialog-actions" }, ...extras, cancel, primary),
    );
    const backdrop = h("div", { class: "backdrop" }, box);
    let typed = "";

    const close = (value: T) => {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("focusin", onFocusIn, true);
      backdrop.remove();
      if (!document.querySelector(".backdrop")) setBackgroundInert(false);
      dialogClosed();
      resolve(value);
    };
    const stop = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopPropagation();
    };
    /** A code that arrived while the dialog is up: kept for after, or refused here, in view. */
    const scanned = (code: string) => {
      const kept = holdScan(code);
      held.append(h("p", { class: kept ? "held-scan" : "held-scan refused", "data-testid": "held-scan" }, kept ? t("scan_held", { code }) : t("scan_not_taken", { code })));
    };
    const cycle = (back: boolean) => {
      const items = Array.from(box.querySelectorAll<HTMLElement>(FOCUSABLE));
      if (items.length === 0) return;
      const at = items.indexOf(document.activeElement as HTMLElement);
      const next = back ? (at <= 0 ? items.length - 1 : at - 1) : at < 0 || at === items.length - 1 ? 0 : at + 1;
      items[next].focus();
    };
    const onKey = (e: KeyboardEvent) => {
      const inField = isEditable(e.target) && box.contains(e.target as Node);
      if ((e.key === "Enter" || e.key === "Tab") && typed) {
        stop(e);
        const code = typed;
        typed = "";
        scanned(code);
      } else if (e.key === "Tab") {
        stop(e);
        cycle(e.shiftKey);
      } else if (e.key === "Escape") {
        stop(e);
        close(cancelValue);
      } else if (e.key === "Enter" && !inField && e.target instanceof HTMLButtonElement && e.target !== primary) {
        // Enter on another button presses that button, as a click would.
        stop(e);
        e.target.click();
      } else if (e.key === "Enter") {
        stop(e);
        if (spec.commits && !e.ctrlKey) hint.textContent = t("dialog_deliberate", { action: spec.primary.label });
        else close(spec.primary.value);
      } else if (inField) {
        return;
      } else if (e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey) {
        stop(e);
        const extra = !typed && spec.extra?.find((x) => x.key && x.key.toLowerCase() === e.key.toLowerCase());
        if (extra) extra.act();
        else typed += e.key;
      }
    };
    const onFocusIn = (e: FocusEvent) => {
      if (!box.contains(e.target as Node)) primary.focus();
    };
    primary.addEventListener("click", () => close(spec.primary.value));
    cancel?.addEventListener("click", () => close(cancelValue));
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("focusin", onFocusIn, true);
    setBackgroundInert(true);
    document.body.appendChild(backdrop);
    (spec.focus ?? primary).focus();
  });
}

/** A yes/no question that commits: Ctrl+Enter or a click says yes, Escape or Enter on the
 * cancel button says no. */
export function confirmDialog(title: string, body: (Node | string)[], yes: string, tone: Tone = "warn", testId?: string): Promise<boolean> {
  return showDialog({ title, body, tone, commits: true, primary: { label: yes, value: true }, cancel: { label: t("cancel"), value: false }, testId });
}

/** Something to read, closed with OK (Enter or Escape); `extra` holds buttons such as printing. */
export function notice(title: string, body: (Node | string)[], tone: Tone = "info", testId?: string, extra?: DialogSpec<void>["extra"]): Promise<void> {
  return showDialog({ title, body, tone, primary: { label: t("ok"), value: undefined }, testId, extra });
}

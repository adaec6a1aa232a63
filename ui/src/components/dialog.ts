// Modal dialogs, one at a time and in order: Enter takes the primary action, Escape backs out,
// and focus returns to the scan field when the last one closes.

import { h } from "../dom";
import { dialogClosed, dialogOpened } from "../focus";
import { t } from "../i18n";

export type Tone = "info" | "ok" | "warn" | "danger";

export interface DialogSpec<T> {
  title: string;
  body: (Node | string)[];
  tone?: Tone;
  /** The Enter action. */
  primary: { label: string; value: T };
  /** The Escape action; without it Escape also closes with `primary`'s value. */
  cancel?: { label: string; value: T };
  /** Extra buttons (printing, say) that act without closing; `key` is their shortcut. */
  extra?: { label: string; key?: string; act: () => void }[];
  testId?: string;
}

let queue: Promise<unknown> = Promise.resolve();

export function showDialog<T>(spec: DialogSpec<T>): Promise<T> {
  const next = queue.then(() => open(spec));
  queue = next.catch(() => undefined);
  return next;
}

function open<T>(spec: DialogSpec<T>): Promise<T> {
  return new Promise((resolve) => {
    dialogOpened();
    const primary = h("button", { class: "primary", "data-testid": "dialog-primary" }, spec.primary.label);
    const cancelValue = spec.cancel ? spec.cancel.value : spec.primary.value;
    const cancel = spec.cancel ? h("button", { "data-testid": "dialog-cancel" }, spec.cancel.label) : null;
    const extras = (spec.extra ?? []).map((x) => h("button", { onclick: () => x.act(), "data-key": x.key ?? "" }, x.label));
    const box = h(
      "div",
      { class: `dialog tone-${spec.tone ?? "info"}`, role: "dialog", "aria-modal": "true", "data-testid": spec.testId ?? "dialog" },
      h("h2", {}, spec.title),
      h("div", { class: "dialog-body" }, ...spec.body),
      h("div", { class: "dialog-actions" }, ...extras, cancel, primary),
    );
    const backdrop = h("div", { class: "backdrop" }, box);
    const close = (value: T) => {
      document.removeEventListener("keydown", onKey, true);
      backdrop.remove();
      dialogClosed();
      resolve(value);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Enter" && !(e.target instanceof HTMLButtonElement && e.target !== primary)) {
        e.preventDefault();
        e.stopPropagation();
        close(spec.primary.value);
      } else if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        close(cancelValue);
      } else {
        const extra = spec.extra?.find((x) => x.key && x.key.toLowerCase() === e.key.toLowerCase());
        if (extra) {
          e.preventDefault();
          e.stopPropagation();
          extra.act();
        }
      }
    };
    primary.addEventListener("click", () => close(spec.primary.value));
    cancel?.addEventListener("click", () => close(cancelValue));
    document.addEventListener("keydown", onKey, true);
    document.body.appendChild(backdrop);
    primary.focus();
  });
}

/** A yes/no question: resolves true on Enter, false on Escape. */
export function confirmDialog(title: string, body: (Node | string)[], yes: string, tone: Tone = "warn"): Promise<boolean> {
  return showDialog({ title, body, tone, primary: { label: yes, value: true }, cancel: { label: t("cancel"), value: false } });
}

/** Something to read, closed with OK (Enter or Escape); `extra` holds buttons such as printing. */
export function notice(title: string, body: (Node | string)[], tone: Tone = "info", testId?: string, extra?: DialogSpec<void>["extra"]): Promise<void> {
  return showDialog({ title, body, tone, primary: { label: t("ok"), value: undefined }, testId, extra });
}

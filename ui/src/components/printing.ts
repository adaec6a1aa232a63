// What a saved print offers: preview in the system's PDF viewer, or print (CUPS). The file path
// is shown so staff can find it if neither works on this machine.

import { api } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import type { Printed } from "../types";

export function printActions(p: Printed, report: (text: string, ok: boolean) => void) {
  const run = (action: "preview" | "print") =>
    api
      .printFile(p.path, action)
      .then(() => report(action === "print" ? t("printed") : t("previewed"), true))
      // The OS error helps nobody at the counter: say what happened and where the file is.
      .catch(() => report(t("print_failed", { path: p.path }), false));
  return [
    { label: `P ${t("print")}`, key: "p", act: () => run("print") },
    { label: `V ${t("preview")}`, key: "v", act: () => run("preview") },
  ];
}

export function printedNote(p: Printed): HTMLElement {
  return h("p", { class: "printed" }, `${t("print_file")}: `, h("code", { "data-testid": "slip-path" }, p.path));
}

export function printStatus(): { el: HTMLElement; report: (text: string, ok: boolean) => void } {
  const el = h("p", { class: "print-status", "data-testid": "print-status" });
  return {
    el,
    report: (text, ok) => {
      el.textContent = `${ok ? "✓" : "✗"} ${text}`;
      el.className = `print-status ${ok ? "ok" : "bad"}`;
    },
  };
}

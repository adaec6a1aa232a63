// What a saved print offers: preview in the system's PDF viewer, or print (CUPS). The file path
// is shown so staff can find it if neither works on this machine. A slip that could not be saved
// says so in words beside the result it belongs to, which stands (issue 10.15).

import { api } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import type { Printed } from "../types";

export function printActions(p: Printed, report: (text: string, ok: boolean) => void) {
  const path = p.path;
  if (path === null) return [];
  const run = (action: "preview" | "print") =>
    api
      .printFile(path, action)
      .then(() => report(action === "print" ? t("printed") : t("previewed"), true))
      // The OS error helps nobody at the counter: say what happened and where the file is.
      .catch(() => report(t("print_failed", { path }), false));
  return [
    { label: `P ${t("print")}`, key: "p", act: () => run("print") },
    { label: `V ${t("preview")}`, key: "v", act: () => run("preview") },
  ];
}

export function printedNote(p: Printed): HTMLElement {
  if (p.path === null) {
    return h(
      "div",
      { class: "print-status bad", role: "alert", "data-testid": "slip-error" },
      h("p", {}, `✗ ${t("slip_not_saved")}`),
      p.error ? h("small", {}, p.error.message) : null,
    );
  }
  return h("p", { class: "printed" }, `${t("print_file")}: `, h("code", { "data-testid": "slip-path" }, p.path));
}

/** Issue 10.6: a slip holding a password is not kept once its dialog has closed. */
export async function discardPasswordSlip(p: Printed): Promise<string | null> {
  if (p.path === null) return null;
  try {
    await api.discardPrint(p.path);
    return null;
  } catch (e) {
    return t("slip_not_discarded", { path: p.path, detail: e instanceof Error ? e.message : String(e) });
  }
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

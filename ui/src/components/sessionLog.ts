// Every scan of this session, newest first, kept visible: done, refused, cancelled midway, or
// ignored as a double scan. Icons and words carry the meaning; colour only repeats it.

import { h } from "../dom";
import type { Source } from "../scan";

export type Outcome = "ok" | "refused" | "cancelled" | "ignored" | "warn";

const ICON: Record<Outcome, string> = { ok: "✓", refused: "✗", cancelled: "↶", ignored: "⟲", warn: "⚠" };

export class SessionLog {
  readonly el = h("ol", { class: "session-log", "data-testid": "session-log", reversed: true });

  add(code: string, source: Source | null, outcome: Outcome, text: string) {
    const time = new Date().toLocaleTimeString("ja-JP", { hour12: false });
    const row = h(
      "li",
      { class: `log-${outcome}`, "data-outcome": outcome },
      h("span", { class: "icon", "aria-hidden": "true" }, ICON[outcome]),
      h("time", {}, time),
      h("code", {}, code),
      source ? h("span", { class: "source", title: source }, source === "scanner" ? "▮▯▮" : "⌨") : null,
      h("span", { class: "text" }, text),
    );
    this.el.prepend(row);
  }
}

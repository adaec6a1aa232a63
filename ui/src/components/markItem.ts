// C21 from an item row: 紛失, 汚損, 修理中, 除籍, 返却済申告, 不明 (the core's words), or back in
// circulation. The state list has the keyboard when the dialog opens; Ctrl+Enter records,
// Escape backs out and changes nothing.

import { h } from "../dom";
import { lang, t } from "../i18n";
import { app } from "../state";
import { showDialog } from "./dialog";
import { field, input, select } from "./form";

export interface MarkChoice {
  to: string;
  note: string | null;
}

/** The state chosen for the copy, or null when staff backed out. */
export async function chooseMark(barcode: string, title: string): Promise<MarkChoice | null> {
  const states = (app.info?.copy_states ?? []).map((s): [string, string] => [s.code, lang() === "en" ? s.label_en : s.label]);
  const to = select("mark-state", [...states, ["available", t("mark_available")]]);
  // Every state in view at once: a list box, not a drop-down that hides them.
  to.size = states.length + 1;
  to.style.height = `${(states.length + 1) * 1.6}em`;
  to.selectedIndex = 0;
  const note = input("mark-note");
  const yes = await showDialog({
    title: t("mark_title"),
    body: [h("p", { class: "big" }, title || barcode), h("p", {}, h("code", {}, barcode)), field(t("mark_state"), to), field(t("mark_note"), note)],
    tone: "warn",
    commits: true,
    primary: { label: t("mark_do"), value: true },
    cancel: { label: t("cancel"), value: false },
    testId: "mark-dialog",
    focus: to,
  });
  if (!yes) return null;
  const n = note.value.trim();
  return { to: to.value, note: n === "" ? null : n };
}

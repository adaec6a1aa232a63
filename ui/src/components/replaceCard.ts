// C22: a lost card is replaced by a new one, scanned into the dialog. Loans, holds and the
// password stay with the patron; the old number is refused by name from then on. The scanner's
// Enter never commits: Ctrl+Enter (or a click) does, Escape backs out.

import { api } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import type { Patron } from "../types";
import { showDialog } from "./dialog";
import { field, input, showError } from "./form";

/** The patron with the new card, or null when staff backed out. */
export async function replaceCard(p: Patron): Promise<Patron | null> {
  const newCard = input("new-card", { class: "scan-input", spellcheck: "false" });
  const err = h("div", {});
  for (;;) {
    const yes = await showDialog({
      title: t("replace_card_title"),
      body: [h("p", {}, `${p.name} (${p.card})`), h("p", {}, t("replace_card_text", { card: p.card })), field(t("new_card"), newCard), err],
      tone: "warn",
      commits: true,
      primary: { label: t("replace_card"), value: true },
      cancel: { label: t("cancel"), value: false },
      testId: "replace-card-dialog",
      focus: newCard,
    });
    if (!yes) return null;
    try {
      return await api.replaceCard(p.card, newCard.value.trim());
    } catch (ex) {
      // The dialog opens again with the reason, the number still there to correct.
      showError(err, ex);
    }
  }
}

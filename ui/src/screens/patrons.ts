// 利用者: search by card, name or kana; register and edit with every field; e-mail checked as
// typed (H5); the temporary password shown once (K1); password reset (H4).

import { api } from "../api";
import { confirmDialog, notice } from "../components/dialog";
import { dateInput, field, input, select, showError, value } from "../components/form";
import { h, replace } from "../dom";
import { refocus, setScanField } from "../focus";
import { t } from "../i18n";
import { app, fmt } from "../state";
import { discardPasswordSlip, printActions, printStatus, printedNote } from "../components/printing";
import { replaceCard } from "../components/replaceCard";
import type { Patron, PatronDetails, Printed } from "../types";
import type { Screen } from "./screen";

export function patronsScreen(): Screen {
  const query = input("patron-query", { placeholder: t("patron_search"), class: "scan-input" });
  const results = h("tbody", { "data-testid": "patron-results" });
  const formBox = h("div", { class: "patron-form-box" });
  let found: Patron[] = [];

  async function search() {
    found = query.value.trim() ? await api.searchPatrons(query.value) : [];
    replace(
      results,
      found.length === 0 && query.value.trim()
        ? h("tr", {}, h("td", { colspan: "4" }, t("no_results")))
        : found.map((p) =>
            h(
              "tr",
              { class: "clickable", onclick: () => edit(p) },
              h("td", {}, h("code", {}, p.card)),
              h("td", {}, p.name),
              h("td", {}, p.kana ?? ""),
              h("td", {}, p.birth_date ? fmt(p.birth_date) : ""),
            ),
          ),
    );
    if (found.length === 1) edit(found[0]);
  }

  query.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      search().catch((ex) => showError(formBox, ex));
    }
  });

  function form(existing: Patron | null) {
    const card = input("card", { value: existing?.card ?? "" });
    if (existing) card.readOnly = true;
    const name = input("name", { value: existing?.name ?? "" });
    const kana = input("kana", { value: existing?.kana ?? "" });
    const birth = dateInput("birth", existing?.birth_date ?? "");
    const email = input("email", { type: "email", value: existing?.email ?? "" });
    const emailNote = h("span", { class: "note", "data-testid": "email-note" });
    const postal = input("postal-code", { value: existing?.postal_code ?? "", placeholder: "069-0834" });
    const address = input("address", { value: existing?.address ?? "" });
    const phone = input("phone", { value: existing?.phone ?? "" });
    const residence = select(
      "residence",
      [["", "—"], ...(app.info?.residence_categories ?? []).map((c): [string, string] => [c, c])],
      existing?.residence ?? "",
    );
    const partners = (app.info?.desks ?? []).filter((d) => d.kind === "partner");
    const partnerBoxes = partners.map((d) => {
      const box = h("input", { type: "checkbox", value: d.code, "data-partner": d.code });
      box.checked = existing?.partners.includes(d.code) ?? false;
      return h("label", { class: "check" }, box, d.name);
    });
    const history = h("input", { type: "checkbox", "data-testid": "keep-history" });
    history.checked = existing?.keep_history ?? false;
    const err = h("div", {});

    let timer = 0;
    email.addEventListener("input", () => {
      clearTimeout(timer);
      timer = window.setTimeout(async () => {
        if (!email.value.trim()) {
          replace(emailNote);
          return;
        }
        try {
          await api.checkEmail(email.value);
          replace(emailNote, h("span", { class: "ok" }, "✓ ", t("email_ok")));
        } catch (ex) {
          replace(emailNote, h("span", { class: "bad" }, "✗ ", ex instanceof Error ? ex.message : String(ex)));
        }
      }, 250);
    });

    const details = (): PatronDetails => ({
      name: name.value,
      kana: value(kana),
      birth_date: value(birth.input),
      email: value(email),
      postal_code: value(postal),
      address: value(address),
      phone: value(phone),
      residence: value(residence),
      partners: partnerBoxes.map((l) => l.querySelector("input") as HTMLInputElement).filter((b) => b.checked).map((b) => b.value),
      keep_history: history.checked,
    });

    const submit = async () => {
      try {
        showError(err, null);
        if (existing) {
          const p = await api.updatePatron(existing.card, details());
          await notice(t("changed"), [p.name], "ok");
        } else {
          const r = await api.register(card.value, details());
          await showTemporaryPassword(r.patron, r.temporary_password, r.slip);
          replace(formBox);
        }
      } catch (ex) {
        showError(err, ex);
      }
    };

    const reset = async () => {
      if (!existing) return;
      if (!(await confirmDialog(t("reset_password"), [existing.name], t("reset_password")))) return;
      try {
        const r = await api.resetPassword(existing.card);
        await showTemporaryPassword(existing, r.temporary_password, r.slip);
      } catch (ex) {
        showError(err, ex);
      }
    };

    const reissue = async () => {
      if (!existing) return;
      const p = await replaceCard(existing);
      if (!p) return;
      await notice(t("replace_card"), [t("card_replaced", { card: p.card, old: existing.card })], "ok", "card-replaced");
      form(p);
    };

    const f = h(
      "form",
      { class: "patron-form", "data-testid": "patron-form" },
      h("h2", {}, existing ? t("edit_patron") : t("new_patron")),
      field(t("card"), card),
      field(t("name"), name),
      field(t("kana"), kana),
      field(t("birth_date"), birth.box),
      field(t("email"), email, emailNote),
      field(t("postal_code"), postal),
      field(t("address"), address),
      field(t("phone"), phone),
      field(t("residence"), residence),
      partnerBoxes.length > 0 ? h("fieldset", {}, h("legend", {}, t("partners")), partnerBoxes) : null,
      h("label", { class: "check" }, history, t("keep_history")),
      err,
      h(
        "div",
        { class: "actions" },
        existing ? h("button", { type: "button", onclick: reset, "data-testid": "reset-password" }, t("reset_password")) : null,
        existing ? h("button", { type: "button", onclick: reissue, "data-testid": "replace-card" }, t("replace_card")) : null,
        h("button", { class: "primary", type: "submit", "data-testid": "patron-submit" }, existing ? t("save") : t("register")),
      ),
    );
    f.addEventListener("submit", (e) => {
      e.preventDefault();
      submit();
    });
    f.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        replace(formBox);
        setScanField(query);
      }
    });
    replace(formBox, f);
    (existing ? name : card).focus();
  }

  function edit(p: Patron) {
    form(p);
  }

  return {
    id: "patrons",
    title: "tab_patrons",
    fkey: "F2",
    mount(root) {
      replace(
        root,
        h(
          "div",
          { class: "patrons two-columns" },
          h(
            "div",
            {},
            h("div", { class: "scan-bar" }, query, h("button", { onclick: () => search() }, t("search")), h("button", { "data-testid": "new-patron", onclick: () => form(null) }, `F6 ${t("new_patron")}`)),
            h("table", { class: "list" }, results),
          ),
          formBox,
        ),
      );
      setScanField(query);
    },
    keys: () => [
      { key: "Enter", label: t("search") },
      { key: "F6", label: t("new_patron") },
      { key: "Esc", label: t("close").replace(/\s*\(.*\)/, "") },
    ],
    onKey(e) {
      if (e.key === "F6") {
        form(null);
        return true;
      }
      return false;
    },
  };
}

/** K1: shown once, large, with the rule for the real password. */
export async function showTemporaryPassword(p: Patron, password: string, slip: Printed) {
  const status = printStatus();
  await notice(
    t("temp_password_title"),
    [
      h("p", {}, `${p.name} (${p.card})`),
      h("p", { class: "temp-password", "data-testid": "temp-password" }, password),
      h("p", {}, t("temp_password_text")),
      printedNote(slip),
      status.el,
    ],
    "info",
    "temp-password-dialog",
    printActions(slip, status.report),
  );
  // Issue 10.6: printed, shown, or read from the screen: the slip goes now, not at night.
  const left = await discardPasswordSlip(slip);
  if (left) await notice(t("temp_password_title"), [left], "danger");
  refocus(true);
}

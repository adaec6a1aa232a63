// 利用者: search by card, name or kana; register and edit with every field; e-mail checked as
// typed (H5); the temporary password shown once (K1); password reset (H4). A refused form shows
// each error at its field in the desk's words, a summary at the top, and focus on the first wrong
// field; a registered patron stays open on the screen (issue 11, defect 7).

import { ApiError, api } from "../api";
import { confirmDialog, notice } from "../components/dialog";
import { type CheckedField, checkedField, dateInput, input, select, setFieldError, showError, value } from "../components/form";
import { reasonList } from "../components/reasons";
import { h, replace } from "../dom";
import { refocus, setScanField } from "../focus";
import { t } from "../i18n";
import { app, deskName, fmt } from "../state";
import { discardPasswordSlip, printActions, printStatus, printedNote } from "../components/printing";
import { replaceCard } from "../components/replaceCard";
import type { Patron, PatronDetails, Printed, Reason } from "../types";
import type { Screen } from "./screen";

export function patronsScreen(): Screen {
  const query = input("patron-query", { placeholder: t("patron_search"), class: "scan-input" });
  const results = h("tbody", { "data-testid": "patron-results" });
  const formBox = h("div", { class: "patron-form-box" });
  let found: Patron[] = [];

  async function search() {
    found = query.value.trim() ? await api.searchPatrons(query.value) : [];
    listFound();
    if (found.length === 1) edit(found[0]);
  }

  function listFound() {
    replace(
      results,
      found.length === 0 && query.value.trim()
        ? h("tr", {}, h("td", { colspan: "3" }, t("no_results")))
        : found.map((p) =>
            h(
              "tr",
              { class: "clickable", onclick: () => edit(p) },
              h("td", {}, h("code", {}, p.card)),
              h("td", { class: "title" }, p.name, p.kana ? h("div", { class: "sub" }, p.kana) : null),
              h("td", {}, p.birth_date ? fmt(p.birth_date) : ""),
            ),
          ),
    );
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
      return h("label", { class: "check" }, box, deskName(d.code));
    });
    const history = h("input", { type: "checkbox", "data-testid": "keep-history" });
    history.checked = existing?.keep_history ?? false;
    const err = h("div", {});
    const summary = h("div", { class: "error-summary", role: "alert", tabindex: "-1", "data-testid": "error-summary", hidden: true });

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

    const fields: CheckedField[] = [
      checkedField("card", t("card"), card, { required: true }),
      checkedField("name", t("name"), name, { required: true }),
      checkedField("kana", t("kana"), kana),
      checkedField("birth", t("birth_date"), birth.box, { focus: birth.input }),
      checkedField("email", t("email"), email, { note: emailNote }),
      checkedField("postal-code", t("postal_code"), postal),
      checkedField("address", t("address"), address),
      checkedField("phone", t("phone"), phone),
      checkedField("residence", t("residence"), residence),
    ];
    const byKey = (key: string) => fields.find((f) => f.key === key) ?? null;

    /** Every error at its field and in the summary; focus on the first wrong field. */
    function showErrors(list: { field: CheckedField | null; message: string; rule?: string | null }[]) {
      for (const f of fields) setFieldError(f, null);
      showError(err, null);
      if (list.length === 0) {
        summary.hidden = true;
        replace(summary);
        return;
      }
      for (const e of list) if (e.field) setFieldError(e.field, e.message);
      replace(
        summary,
        h("p", { class: "error-summary-title" }, t("form_errors", { n: list.length })),
        reasonList(list.map((e): Reason => ({ code: e.field?.key ?? "form", rule: e.rule ?? null, message: e.field ? `${e.field.label}: ${e.message}` : e.message, overridable: false }))),
      );
      summary.hidden = false;
      const first = fields.find((f) => list.some((e) => e.field === f));
      (first?.focus ?? summary).focus();
    }

    /** What the desk checks before asking the core: the two fields every patron has. */
    function missing() {
      return fields
        .filter((f) => f.focus.getAttribute("aria-required") === "true" && !(f.focus as HTMLInputElement).value.trim())
        .map((f) => ({ field: f, message: t("field_required", { field: f.label }) }));
    }

    const submit = async () => {
      const empty = existing ? missing().filter((e) => e.field.key !== "card") : missing();
      showErrors(empty);
      if (empty.length > 0) return;
      try {
        if (existing) {
          const p = await api.updatePatron(existing.card, details());
          await notice(t("changed"), [p.name], "ok");
        } else {
          const r = await api.register(card.value, details());
          await showTemporaryPassword(r.patron, r.temporary_password, r.slip);
          // The new patron stays open, as a search for the card would show it.
          query.value = r.patron.card;
          found = [r.patron];
          listFound();
          form(r.patron);
        }
      } catch (ex) {
        const f = ex instanceof ApiError && ex.view.field ? byKey(ex.view.field) : null;
        if (f) showErrors([{ field: f, message: fieldMessage(ex as ApiError, f) }]);
        else if (ex instanceof ApiError) showErrors(ex.reasons.map((r) => ({ field: null, message: r.message, rule: r.rule })));
        else showErrors([{ field: null, message: String(ex) }]);
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
      // The desk checks the fields itself, in its words (no browser bubbles).
      { class: "patron-form", "data-testid": "patron-form", novalidate: true },
      h("h2", {}, existing ? t("edit_patron") : t("new_patron"), existing ? h("span", { class: "sub", "data-testid": "open-patron" }, ` ${existing.name} (${existing.card})`) : null),
      summary,
      h("p", { class: "required-note" }, t("required_note")),
      fields.map((f) => f.el),
      partnerBoxes.length > 0 ? h("fieldset", { class: "partners" }, h("legend", {}, t("partners")), partnerBoxes) : null,
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

/** An error the core gave for a field, in the desk's words with the form's own label (the core
 * names fields as its code does). */
function fieldMessage(e: ApiError, f: CheckedField): string {
  const typed = ((f.focus as HTMLInputElement).value ?? "").trim();
  switch (e.code) {
    case "input.missing":
      return t("field_required", { field: f.label });
    case "input.too_long":
      return t("field_too_long", { field: f.label });
    case "input.control_character":
      return t("field_control", { field: f.label });
    case "input.bad_date":
    case "input.date_out_of_range":
      return t("birth_bad");
    case "input.bad_value":
      if (f.key === "kana") return t("kana_bad");
      if (f.key === "postal-code") return t("postal_bad");
      if (f.key === "phone") return t("phone_bad");
      return t("field_bad", { field: f.label, input: typed });
    default:
      return e.message;
  }
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

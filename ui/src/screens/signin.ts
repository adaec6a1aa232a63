// Staff sign-in, the first password of a new database's admin, and the choice of desk.

import { ApiError, api } from "../api";
import { showError } from "../components/form";
import { h, replace } from "../dom";
import { t } from "../i18n";
import { app } from "../state";
import type { DeskView } from "../types";

/** The core answers a wrong password in the patrons' words (K1, My Page); staff get their own,
 * and a wait after repeated failures (C24) says so. */
const STAFF_WORDS: Record<string, "staff_login_failed" | "staff_login_wait"> = {
  "password.wrong": "staff_login_failed",
  "login.failed": "staff_login_failed",
  "login.wait": "staff_login_wait",
};

function staffWords(e: unknown): unknown {
  const key = e instanceof ApiError ? STAFF_WORDS[e.code] : undefined;
  if (!key || !(e instanceof ApiError)) return e;
  return new ApiError({ code: e.code, rule: e.code === "login.wait" ? e.view.rule : null, message: t(key), overridable: false, reasons: [] });
}

/** Resolves with the chosen desk once a member of staff is signed in. */
export function signIn(root: HTMLElement): Promise<DeskView> {
  return new Promise((resolve) => {
    const id = h("input", { id: "staff-id", "data-testid": "staff-id", autocomplete: "username", required: true });
    const pw = h("input", { id: "staff-password", "data-testid": "staff-password", type: "password", autocomplete: "current-password" });
    const err = h("div", {});
    const form = h(
      "form",
      { class: "card-form signin", "data-testid": "signin" },
      h("h1", {}, app.info?.library_name ?? t("app_title")),
      h("h2", {}, t("signin_title")),
      h("label", {}, t("staff_id"), id),
      h("label", {}, t("password"), pw),
      err,
      h("button", { class: "primary", type: "submit", "data-testid": "signin-submit" }, t("sign_in")),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        const r = await api.signIn(id.value, pw.value);
        if (r.needs_password) {
          firstPassword(root, r.staff.id, resolve);
          return;
        }
        app.staff = r.staff;
        chooseDesk(root, resolve);
      } catch (ex) {
        showError(err, staffWords(ex));
        pw.select();
      }
    });
    replace(root, h("div", { class: "center" }, form));
    id.focus();
    // When the first field could take input: the start-up benchmark reads it.
    document.body.dataset.readyAt = String(Date.now());
  });
}

function firstPassword(root: HTMLElement, staffId: string, done: (d: DeskView) => void) {
  const pw = h("input", { type: "password", "data-testid": "first-password", autocomplete: "new-password" });
  const err = h("div", {});
  const form = h(
    "form",
    { class: "card-form" },
    h("h2", {}, t("set_password_title")),
    h("p", {}, staffId),
    h("label", {}, t("new_password"), pw),
    err,
    h("button", { class: "primary", type: "submit" }, t("set_password")),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const r = await api.setFirstPassword(staffId, pw.value);
      app.staff = r.staff;
      chooseDesk(root, done);
    } catch (ex) {
      showError(err, ex);
    }
  });
  replace(root, h("div", { class: "center" }, form));
  pw.focus();
}

/** Desks as a numbered list: a digit or Enter on the highlighted one chooses. */
function chooseDesk(root: HTMLElement, done: (d: DeskView) => void) {
  const desks = (app.info?.desks ?? []).filter((d) => d.kind === "counter" || d.kind === "duty-room");
  let index = 0;
  const list = h("ol", { class: "desk-list", "data-testid": "desks" });
  const err = h("div", {});
  // The keys stay live until the desk is taken: a refusal is shown and another desk can be chosen.
  const pick = async (d: DeskView) => {
    try {
      app.desk = await api.selectDesk(d.code);
    } catch (ex) {
      showError(err, ex);
      return;
    }
    document.removeEventListener("keydown", onKey);
    done(app.desk);
  };
  const render = () =>
    replace(
      list,
      desks.map((d, i) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              class: i === index ? "desk selected" : "desk",
              "data-desk": d.code,
              onclick: () => pick(d),
              onfocus: () => {
                index = i;
                list.querySelectorAll("button").forEach((b, j) => b.classList.toggle("selected", j === i));
              },
            },
            h("kbd", {}, String(i + 1)),
            " ",
            d.name,
            d.hours ? h("small", {}, ` ${d.hours}`) : null,
          ),
        ),
      ),
    );
  // The highlighted desk and the focused one are the same: arrows move focus with the highlight,
  // and Enter chooses what has focus.
  const focusSelected = () => (list.children[index]?.firstChild as HTMLButtonElement | null)?.focus();
  const onKey = (e: KeyboardEvent) => {
    const n = Number(e.key);
    if (n >= 1 && n <= desks.length) pick(desks[n - 1]);
    else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      index = (index + (e.key === "ArrowDown" ? 1 : desks.length - 1)) % desks.length;
      render();
      focusSelected();
      e.preventDefault();
    } else if (e.key === "Enter") {
      e.preventDefault();
      pick(desks[index]);
    }
  };
  document.addEventListener("keydown", onKey);
  render();
  replace(root, h("div", { class: "center" }, h("div", { class: "card-form" }, h("h2", {}, t("choose_desk")), h("p", {}, app.staff?.name ?? ""), list, err)));
  focusSelected();
}

// First start: which library this desk works on, this PC's file (the default) or a PostgreSQL
// server. Then, at every start, what keeps a chosen server from opening: its password (when
// ~/.pgpass has none; kept in memory only) or no answer (try again).

import { ApiError, api } from "../api";
import { showError } from "../components/form";
import { libraryIndicator } from "../components/indicator";
import { h, replace } from "../dom";
import { t } from "../i18n";
import { app } from "../state";

export function chooseLibrary(root: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    const err = h("div", {});
    const address = h("input", { "data-testid": "server-address", autocomplete: "off", spellcheck: "false", placeholder: "postgres://desk@db.library.example.jp/kashidashi" });
    const password = h("input", { "data-testid": "server-password", type: "password", autocomplete: "off" });
    const choose = async (kind: "file" | "server") => {
      try {
        app.info = await api.chooseLibrary(kind, kind === "server" ? address.value : null, kind === "server" ? password.value : null);
        libraryIndicator();
        resolve();
      } catch (e) {
        showError(err, e);
      } finally {
        password.value = "";
      }
    };
    const server = h(
      "form",
      { class: "library-server", "data-testid": "choose-server" },
      h("h2", {}, t("library_server_title")),
      h("label", {}, t("library_address"), address),
      h("label", {}, t("library_password"), password),
      h("p", { class: "note" }, t("library_password_note")),
      h("button", { type: "submit", "data-testid": "choose-server-submit" }, t("library_connect")),
    );
    server.addEventListener("submit", (e) => {
      e.preventDefault();
      void choose("server");
    });
    replace(
      root,
      h(
        "div",
        { class: "center" },
        h(
          "div",
          { class: "card-form", "data-testid": "choose-library" },
          h("h1", {}, t("library_choose_title")),
          h("p", {}, t("library_choose_text")),
          h("button", { class: "primary", "data-testid": "choose-file", onclick: () => choose("file") }, t("library_file_choice")),
          h("p", {}, h("code", {}, app.info?.default_file ?? "")),
          server,
          err,
        ),
      ),
    );
  });
}

/** Until the chosen library opens: a server's password, or a retry when it does not answer. */
export async function openLibrary(root: HTMLElement): Promise<void> {
  while (app.info?.problem) {
    const problem = app.info.problem;
    const asks = problem.code === "app.server_password" || problem.code === "app.server_password_wrong";
    app.info = await (asks ? askPassword(root) : retry(root));
    libraryIndicator();
  }
}

function askPassword(root: HTMLElement): Promise<NonNullable<typeof app.info>> {
  return new Promise((resolve) => {
    const err = h("div", {});
    const pw = h("input", { "data-testid": "server-password", type: "password", autocomplete: "off" });
    const form = h(
      "form",
      { class: "card-form", "data-testid": "ask-server-password" },
      h("h1", {}, t("library_password_title")),
      h("p", {}, app.info?.problem?.message ?? ""),
      h("label", {}, t("library_password"), pw),
      err,
      h("button", { class: "primary", type: "submit" }, t("library_connect")),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        resolve(await api.serverPassword(pw.value));
      } catch (ex) {
        showError(err, ex);
        pw.value = "";
      }
    });
    replace(root, h("div", { class: "center" }, form));
    pw.focus();
  });
}

function retry(root: HTMLElement): Promise<NonNullable<typeof app.info>> {
  return new Promise((resolve) => {
    const err = h("div", {});
    showError(err, new ApiError(app.info!.problem!));
    const again = h("button", { class: "primary", "data-testid": "library-retry", onclick: async () => resolve(await api.appInfo()) }, t("library_retry"));
    replace(root, h("div", { class: "center" }, h("div", { class: "card-form", "data-testid": "library-problem" }, h("h1", {}, t("library_problem_title")), err, again)));
    again.focus();
  });
}

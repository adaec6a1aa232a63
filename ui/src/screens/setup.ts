// First start on a machine without a database: create one with a shipped profile.

import { api } from "../api";
import { notice } from "../components/dialog";
import { h, replace } from "../dom";
import { t } from "../i18n";
import { app } from "../state";

export function setup(root: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    const choose = async (profile: string) => {
      const created = await api.initDatabase(profile);
      app.info = created;
      // K1 for staff: admin's temporary password exists nowhere else, so it is shown this once.
      await notice(
        t("admin_password_title"),
        [
          h("p", {}, "admin"),
          h("p", { class: "temp-password", "data-testid": "admin-temp-password" }, created.admin_temporary_password),
          h("p", {}, t("admin_password_text")),
        ],
        "info",
        "admin-password-dialog",
      );
      resolve();
    };
    replace(
      root,
      h(
        "div",
        { class: "center" },
        h(
          "div",
          { class: "card-form" },
          h("h1", {}, t("setup_title")),
          h("p", {}, t("setup_text")),
          h("p", {}, h("code", {}, app.info?.db ?? "")),
          h("button", { class: "primary", onclick: () => choose("hokkaido") }, t("setup_hokkaido")),
          h("button", { onclick: () => choose("kyoto") }, t("setup_kyoto")),
        ),
      ),
    );
  });
}

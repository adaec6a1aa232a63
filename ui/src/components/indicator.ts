// Which library the desk is on, on every screen: this PC's file (ファイル) or a server (サーバー
// and its host and database, never a user or password). A server that stopped answering shows
// here until a call gets through again.

import { h } from "../dom";
import { t } from "../i18n";
import { app } from "../state";

const badge = h("span", { class: "library-indicator", "data-testid": "library-indicator", role: "status" });
let online = true;

/** The indicator, drawn from `app.info`; the same element wherever it is placed. */
export function libraryIndicator(): HTMLElement {
  const lib = app.info?.library;
  badge.hidden = !lib;
  if (!lib) return badge;
  badge.dataset.kind = lib.kind;
  badge.dataset.online = String(online);
  badge.title = app.info?.db ?? "";
  badge.textContent = lib.kind === "file" ? t("library_file") : `${t("library_server")} ${lib.name}${online ? "" : ` — ${t("library_offline")}`}`;
  return badge;
}

/** Set by every call to the core: `false` when the server could not be reached. */
export function setOnline(now: boolean) {
  if (now === online) return;
  online = now;
  libraryIndicator();
}

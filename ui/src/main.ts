// The desk app: sign in, choose a desk, then the screens, each on a function key.

import { api } from "./api";
import { confirmDialog } from "./components/dialog";
import { libraryIndicator } from "./components/indicator";
import { keybar, showKeys } from "./components/keybar";
import { h, replace } from "./dom";
import { hasDialog, installFocusKeeper, refocus, setScanField } from "./focus";
import { type Key, lang, setLang, t } from "./i18n";
import { calendarScreen } from "./screens/calendar";
import { circulationScreen } from "./screens/circulation";
import { holdsScreen } from "./screens/holds";
import { patronsScreen } from "./screens/patrons";
import { chooseLibrary, openLibrary } from "./screens/library";
import type { Screen } from "./screens/screen";
import { setup } from "./screens/setup";
import { shelfScreen } from "./screens/shelf";
import { signIn } from "./screens/signin";
import { stocktakeScreen } from "./screens/stocktake";
import { app, deskName, fmt, today } from "./state";
import "./style.css";

const root = document.getElementById("app") as HTMLElement;

async function boot() {
  app.info = await api.appInfo();
  setLang(app.info.lang);
  // Outside the screens until the shell's header takes it: shown from the first screen on.
  document.body.append(libraryIndicator());
  if (!app.info.library) await chooseLibrary(root);
  await openLibrary(root);
  if (!app.info.initialized) await setup(root);
  await signIn(root);
  shell();
}

function shell() {
  const screens: Screen[] = [circulationScreen(), patronsScreen(), holdsScreen(), shelfScreen(), calendarScreen(), stocktakeScreen()];
  let current = screens[0];
  const main = h("main", { class: "screen" });
  const nav = h("nav", { class: "tabs" });
  const header = h("header", { class: "top" });

  const globalKeys = () => [
    ...screens.map((s) => ({ key: s.fkey, label: t(s.title) })),
    { key: "F10", label: t("key_lang") },
    { key: "F11", label: t("key_wareki") },
    { key: "F12", label: t("sign_out") },
  ];

  function renderChrome() {
    replace(
      header,
      h("span", { class: "library" }, lang() === "en" ? app.info?.library_name_en : app.info?.library_name),
      h("span", { class: "desk-name", "data-testid": "desk-name" }, deskName(app.desk?.code)),
      h("span", { class: "staff" }, `${app.staff?.name ?? ""} (${app.staff ? t(`role_${app.staff.role.replace("-", "_")}` as Key) : ""})`),
      libraryIndicator(),
      h("span", { class: "today" }, fmt(today())),
    );
    replace(
      nav,
      screens.map((s) =>
        h("button", { class: s === current ? "tab active" : "tab", "data-screen": s.id, onclick: () => show(s) }, h("kbd", {}, s.fkey), " ", t(s.title)),
      ),
    );
    showKeys(globalKeys(), current.keys());
  }

  function show(s: Screen) {
    current = s;
    setScanField(null);
    s.mount(main);
    renderChrome();
    refocus(true);
  }

  document.addEventListener("keydown", async (e) => {
    if (hasDialog()) return;
    // Function keys name most screens; one with Ctrl (Ctrl+T, 蔵書点検) when they ran out.
    const key = e.ctrlKey ? `Ctrl+${e.key.length === 1 ? e.key.toUpperCase() : e.key}` : e.key;
    const target = screens.find((s) => s.fkey === key);
    if (target) {
      e.preventDefault();
      show(target);
    } else if (e.key === "F10") {
      e.preventDefault();
      const next = lang() === "ja" ? "en" : "ja";
      await api.setLanguage(next);
      setLang(next);
      show(current);
    } else if (e.key === "F11") {
      e.preventDefault();
      app.wareki = !app.wareki;
      localStorage.setItem("kashidashi.wareki", app.wareki ? "1" : "0");
      show(current);
    } else if (e.key === "F12") {
      e.preventDefault();
      if (!(await confirmDialog(t("sign_out_title"), [t("sign_out_text")], t("sign_out"), "warn", "sign-out-dialog"))) return;
      await api.signOut();
      location.reload();
    } else if (current.onKey?.(e)) {
      e.preventDefault();
    }
  });

  replace(root, h("div", { class: "app" }, header, nav, main, keybar()));
  show(current);
}

installFocusKeeper();
boot().catch((e) => replace(root, h("pre", { class: "fatal" }, String(e))));

// The function-key map, always on screen.

import { h, replace } from "../dom";
import { t } from "../i18n";

export interface KeyHint {
  key: string;
  label: string;
}

const bar = h("footer", { class: "keybar", "aria-label": "keys" });

export function keybar(): HTMLElement {
  return bar;
}

export function showKeys(global: KeyHint[], local: KeyHint[]) {
  replace(
    bar,
    h("span", { class: "keybar-title" }, t("keys")),
    [...local, ...global].map((k) => h("span", { class: "key" }, h("kbd", {}, k.key), " ", k.label)),
  );
}

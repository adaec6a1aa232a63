// Small form parts shared by the screens.

import { ApiError } from "../api";
import { h, replace } from "../dom";
import { t } from "../i18n";
import { fmt } from "../state";
import { reasonList } from "./reasons";

export function field(label: string, input: HTMLElement, note?: HTMLElement): HTMLElement {
  return h("label", { class: "field" }, h("span", { class: "label" }, label), input, note ?? null);
}

/** A form field that shows its own error under the input, marked when it must be filled. */
export interface CheckedField {
  key: string;
  label: string;
  el: HTMLElement;
  /** What takes focus when the field is wrong. */
  focus: HTMLElement;
  error: HTMLElement;
}

export function checkedField(key: string, label: string, control: HTMLElement, opts: { required?: boolean; note?: HTMLElement; focus?: HTMLElement } = {}): CheckedField {
  const error = h("span", { class: "field-error", id: `${key}-error`, "data-testid": `${key}-error` });
  const focus = opts.focus ?? control;
  focus.setAttribute("aria-describedby", `${key}-error`);
  if (opts.required) focus.setAttribute("aria-required", "true");
  const el = h(
    "label",
    { class: "field", "data-field": key },
    h("span", { class: "label" }, label, opts.required ? h("span", { class: "required-mark", "data-testid": `${key}-required` }, t("required_mark")) : null),
    control,
    opts.note ?? null,
    error,
  );
  return { key, label, el, focus, error };
}

export function setFieldError(f: CheckedField, message: string | null) {
  f.error.textContent = message ?? "";
  f.el.classList.toggle("has-error", message !== null);
  if (message === null) f.focus.removeAttribute("aria-invalid");
  else f.focus.setAttribute("aria-invalid", "true");
}

export function input(testId: string, attrs: Record<string, string> = {}): HTMLInputElement {
  return h("input", { "data-testid": testId, autocomplete: "off", ...attrs });
}

export function select(testId: string, options: [string, string][], value?: string): HTMLSelectElement {
  const s = h("select", { "data-testid": testId }, options.map(([v, label]) => h("option", { value: v }, label)));
  if (value !== undefined && options.some(([v]) => v === value)) s.value = value;
  return s;
}

/** New words for a select's options (the language changed since it was made): by value. */
export function relabel(s: HTMLSelectElement, options: [string, string][]) {
  for (const o of Array.from(s.options)) {
    const label = options.find(([v]) => v === o.value)?.[1];
    if (label !== undefined) o.textContent = label;
  }
}

/** A date typed as YYYY-MM-DD, the same on every machine (a native date field follows the OS
 * locale), with the date as the desk reads it shown beside it. `parse` reads other forms
 * (2026/11/30, R8.11.30) into YYYY-MM-DD. */
export function dateInput(testId: string, initial = "", parse?: (typed: string) => string | null): { input: HTMLInputElement; box: HTMLElement } {
  const input = h("input", {
    "data-testid": testId,
    autocomplete: "off",
    inputmode: "numeric",
    placeholder: parse ? "2026/11/30" : "YYYY-MM-DD",
    maxlength: parse ? "16" : "10",
    class: "date-input",
    value: initial,
  });
  const preview = h("span", { class: "date-preview", "data-testid": `${testId}-preview` });
  const update = () => {
    const v = input.value.trim();
    const day = parse ? parse(v) : /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
    preview.textContent = day ? fmt(day) : "";
  };
  input.addEventListener("input", update);
  // A screen mounted again (after F10 or F11) shows the day in the language and era of now.
  input.addEventListener("kashidashi:relabel", update);
  update();
  return { input, box: h("span", { class: "date-field" }, input, preview) };
}

/** Show an API error (every reason) in `box`, or clear it. */
export function showError(box: HTMLElement, e: unknown) {
  if (e === null) {
    replace(box);
    return;
  }
  const reasons = e instanceof ApiError ? e.reasons : [{ code: "app.internal", rule: null, message: String(e), overridable: false }];
  replace(box, h("div", { class: "form-error", role: "alert", "data-testid": "form-error" }, reasonList(reasons)));
}

/** Empty text means "not given". */
export function value(el: HTMLInputElement | HTMLSelectElement): string | null {
  const v = el.value.trim();
  return v === "" ? null : v;
}

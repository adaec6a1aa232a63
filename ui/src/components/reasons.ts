// A refusal, every reason on its own line with the rule that refused it (C12).

import type { Reason } from "../types";
import { h } from "../dom";

export function reasonList(reasons: Reason[]): HTMLElement {
  return h(
    "ul",
    { class: "reasons", "data-testid": "reasons" },
    reasons.map((r) =>
      h(
        "li",
        { "data-code": r.code },
        h("span", { class: "icon", "aria-hidden": "true" }, "✗"),
        h("span", { class: "message" }, r.message),
        r.rule ? h("span", { class: "rule" }, r.rule) : null,
      ),
    ),
  );
}

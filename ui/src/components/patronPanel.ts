// The patron panel after a card scan: who, blocks, loans (with 延長済 and renewal), holds with
// their queue position, and copies to hand over at this desk.

import { h } from "../dom";
import { holdStatusName, t } from "../i18n";
import { deskName, fmt, today } from "../state";
import type { Hold, LoanLine, Panel } from "../types";

export interface PanelActions {
  renew(line: LoanLine): void;
  receipt(): void;
}

/** C22: a suspension shows while in force; it ends by itself after its last day. */
function suspension(p: Panel): HTMLElement | null {
  const s = p.patron.suspension;
  if (!s || s.since > today() || (s.until !== null && s.until < today())) return null;
  const text = s.until ? t("suspended_until", { reason: s.reason, until: fmt(s.until) }) : t("suspended", { reason: s.reason });
  return h("li", { class: "block block-suspended", "data-code": "patron.suspended" }, h("span", { class: "icon" }, "⚠"), text, " ", h("span", { class: "rule" }, "C22"));
}

function blocks(p: Panel): HTMLElement | null {
  const suspended = suspension(p);
  if (p.blocks.length === 0 && !suspended) return null;
  return h(
    "ul",
    { class: "blocks", "data-testid": "blocks" },
    suspended,
    p.blocks.map((b) => {
      const text = {
        overdue: t("overdue_n", { n: b.count ?? 0 }),
        loan_limit: t("loan_limit", { n: b.count ?? 0 }),
        hold_limit: t("hold_limit", { n: b.count ?? 0 }),
        temporary_password: t("temporary_password"),
      }[b.code];
      return h("li", { class: `block block-${b.code}` }, h("span", { class: "icon" }, "⚠"), text);
    }),
  );
}

function loanRow(l: LoanLine, selected: boolean, actions: PanelActions): HTMLElement {
  return h(
    "tr",
    { class: [l.overdue ? "overdue" : "", selected ? "selected" : ""].join(" "), "data-item": l.item },
    h("td", { class: "title" }, l.title, h("code", {}, l.item)),
    h(
      "td",
      { class: "due" },
      l.overdue ? h("span", { class: "tag tag-danger" }, "⚠ ", t("overdue")) : null,
      " ",
      fmt(l.due_date),
      l.renewed ? h("div", {}, h("span", { class: "tag" }, t("renewed_mark"))) : null,
    ),
    h(
      "td",
      {},
      h(
        "button",
        {
          class: "small",
          title: l.renewable ? "" : l.renewal_refusals.map((r) => r.message).join("\n"),
          onclick: () => actions.renew(l),
          "data-testid": "renew",
        },
        l.renewable ? t("renew") : `${t("renew")} ✗`,
      ),
    ),
  );
}

function holdRow(hd: Hold): HTMLElement {
  const when = hd.expires_on ? ` · ${t("expires")} ${fmt(hd.expires_on)}` : "";
  return h(
    "tr",
    { class: `hold-${hd.status}` },
    h("td", {}, `#${hd.id}`),
    h("td", { class: "title" }, hd.title, h("div", { class: "sub" }, `${t("pickup")}: ${deskName(hd.pickup)}${when}`)),
    h("td", {}, h("span", { class: `tag status-${hd.status}` }, holdStatusName(hd.status, hd.status_label))),
    h("td", {}, hd.position ? t("position", { n: hd.position }) : ""),
  );
}

export function patronPanel(p: Panel, selectedLoan: number, actions: PanelActions): HTMLElement {
  return h(
    "section",
    { class: "patron-panel", "data-testid": "patron-panel" },
    h(
      "header",
      {},
      h("div", { class: "patron-name" }, h("span", { class: "kana" }, p.patron.kana ?? ""), h("strong", {}, p.patron.name)),
      h("code", { class: "card" }, p.patron.card),
      h("button", { class: "small", "data-testid": "receipt", onclick: () => actions.receipt() }, `${t("receipt")} (Ctrl+P)`),
    ),
    blocks(p),
    p.ready_here.length > 0
      ? h(
          "div",
          { class: "ready-here", "data-testid": "ready-here" },
          h("h3", {}, "★ ", t("ready_here")),
          h("ul", {}, p.ready_here.map((r) => h("li", {}, `#${r.id} ${r.title} (${r.item ?? ""})`))),
        )
      : null,
    h("h3", {}, `${t("loans")} (${p.loans.length})`),
    p.loans.length === 0
      ? h("p", { class: "empty" }, t("no_loans"))
      : h("table", { class: "loans", "data-testid": "loans" }, h("tbody", {}, p.loans.map((l, i) => loanRow(l, i === selectedLoan, actions)))),
    h("h3", {}, `${t("holds")} (${p.holds.length})`),
    p.holds.length === 0
      ? h("p", { class: "empty" }, t("no_holds"))
      : h("table", { class: "holds", "data-testid": "holds" }, h("tbody", {}, p.holds.map(holdRow))),
  );
}

// 予約: place a hold or a cart (読みたい順), see a title's queue, list, cancel and move holds.
// The patron's name shows once the card is in, the cart shows titles, and the list starts on the
// holds still in progress.

import { api } from "../api";
import { confirmDialog, notice } from "../components/dialog";
import { field, input, relabel, select, showError } from "../components/form";
import { h, replace } from "../dom";
import { setScanField } from "../focus";
import { type Key, holdStatusName, t } from "../i18n";
import { app, deskName, fmt } from "../state";
import type { Hold, HoldStatus } from "../types";
import type { Screen } from "./screen";

const STATUSES: HoldStatus[] = ["waiting", "allocated", "in-transit", "ready", "awaiting-return", "fulfilled", "cancelled", "expired"];

function statusName(s: HoldStatus): string {
  return t(`hs_${s.replace("-", "_")}` as Key);
}

function pickupOptions(): [string, string][] {
  return (app.info?.desks ?? []).map((d): [string, string] => [d.code, deskName(d.code)]);
}

export function holdsScreen(): Screen {
  const card = input("hold-card", { placeholder: t("card"), class: "scan-input" });
  const item = input("hold-item", { placeholder: t("items") });
  const cart = h("ol", { class: "cart", "data-testid": "cart" });
  const items: string[] = [];
  const titles = new Map<string, string>();
  const who = h("span", { class: "note", "data-testid": "hold-patron" });
  const pickup = select("hold-pickup", pickupOptions(), app.desk?.code ?? "");
  const notifyOptions = (): [string, string][] => [["none", t("notify_none")], ["email", t("notify_email")]];
  const notify = select("hold-notify", notifyOptions());
  const inOrder = h("input", { type: "checkbox", "data-testid": "in-order" });
  const err = h("div", {});
  const listCard = input("list-card", { placeholder: t("card") });
  const statusOptions = (): [string, string][] => [["active", t("hs_active")], ["", t("all")], ...STATUSES.map((s): [string, string] => [s, statusName(s)])];
  const listStatus = select("list-status", statusOptions());
  const list = h("tbody", { "data-testid": "hold-list" });
  const queueItem = input("queue-item", { placeholder: t("items") });
  const queueBox = h("div", { "data-testid": "queue" });

  function renderCart() {
    // The remove buttons are for the mouse: Tab goes from the barcode field to the pickup.
    replace(
      cart,
      items.map((b, i) =>
        h("li", {}, h("code", {}, b), " ", titles.get(b) ?? "…", " ", h("button", { class: "small", type: "button", tabindex: "-1", "aria-label": t("remove"), onclick: () => { items.splice(i, 1); renderCart(); } }, "✗")),
      ),
    );
  }

  async function addToCart(b: string) {
    if (!b || items.includes(b)) return;
    items.push(b);
    renderCart();
    try {
      titles.set(b, (await api.itemShow(b)).item.title);
    } catch (ex) {
      titles.set(b, ex instanceof Error ? ex.message : String(ex));
    }
    renderCart();
  }

  /** The patron's name beside the card, so staff see whose holds they place. */
  async function showPatron() {
    const c = card.value.trim();
    if (!c) return replace(who);
    try {
      const p = (await api.searchPatrons(c)).find((x) => x.card === c || x.card === c.normalize("NFKC"));
      replace(who, p ? h("span", { class: "ok" }, p.name) : h("span", { class: "bad" }, t("no_results")));
    } catch (ex) {
      replace(who, h("span", { class: "bad" }, ex instanceof Error ? ex.message : String(ex)));
    }
  }
  card.addEventListener("change", () => void showPatron());
  // A card's Enter (a scanner's) moves on to the items; it does not place the hold.
  card.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      void showPatron();
      item.focus();
    }
  });

  item.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      const b = item.value.trim();
      item.value = "";
      void addToCart(b);
    }
  });

  async function place() {
    showError(err, null);
    try {
      const placed = items.length <= 1
        ? [await api.placeHold(card.value, items[0] ?? item.value, pickup.value, notify.value)]
        : await api.placeCart(card.value, items, pickup.value, inOrder.checked, notify.value);
      await notice(t("hold_place"), [h("ul", {}, placed.map((p) => h("li", {}, `#${p.id} ${p.title} — ${p.status_label} ${p.position ? t("position", { n: p.position }) : ""}`)))], "ok", "hold-placed");
      items.splice(0);
      inOrder.checked = false;
      renderCart();
      listCard.value = card.value;
      await refreshList();
    } catch (ex) {
      showError(err, ex);
    }
  }

  function holdRow(hd: Hold) {
    const move = select("move-pickup", pickupOptions(), hd.pickup);
    const active = !["fulfilled", "cancelled", "expired"].includes(hd.status);
    const when = hd.expires_on ? ` · ${t("expires")} ${fmt(hd.expires_on)}` : "";
    // Narrow columns stacked (number over card, status over place in the queue) so the title
    // keeps the width at 1024×768.
    return h(
      "tr",
      { "data-hold": String(hd.id) },
      h("td", {}, `#${hd.id}`, h("div", { class: "sub" }, h("code", {}, hd.card))),
      h("td", { class: "title" }, hd.title, h("div", { class: "sub" }, `${t("pickup")}: ${deskName(hd.pickup)}${when}`)),
      h("td", {}, h("span", { class: `tag status-${hd.status}` }, holdStatusName(hd.status, hd.status_label)), hd.position ? h("div", { class: "sub" }, t("position", { n: hd.position })) : null),
      h(
        "td",
        { class: "hold-actions" },
        active
          ? h(
              "div",
              { class: "row-actions" },
              move,
              h("button", { class: "small", onclick: async () => {
                try { await api.changePickup(hd.id, move.value); await refreshList(); } catch (ex) { showError(err, ex); }
              } }, t("change_pickup")),
              h("button", { class: "small danger", "data-testid": "cancel-hold", onclick: async () => {
                if (!(await confirmDialog(t("cancel_hold"), [t("confirm_cancel_hold", { id: hd.id }), hd.title], t("cancel_hold"), "danger"))) return;
                try { await api.cancelHold(hd.id); await refreshList(); } catch (ex) { showError(err, ex); }
              } }, t("cancel_hold")),
            )
          : null,
      ),
    );
  }

  async function refreshList() {
    const active = listStatus.value === "active";
    const holds = await api.holds({ card: listCard.value.trim() || undefined, status: active ? undefined : listStatus.value || undefined });
    replace(list, holds.filter((hd) => !active || !["fulfilled", "cancelled", "expired"].includes(hd.status)).map(holdRow));
  }

  async function showQueue() {
    try {
      const q = await api.itemShow(queueItem.value);
      replace(
        queueBox,
        h("h3", {}, `${q.item.title} — ${q.item.status_label}`),
        h("table", { class: "list" }, h("tbody", {}, q.queue.map(holdRow))),
      );
    } catch (ex) {
      showError(queueBox, ex);
    }
  }

  for (const [el, act] of [[listCard, refreshList], [queueItem, showQueue]] as const) {
    el.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        act().catch((ex) => showError(err, ex));
      }
    });
  }
  listStatus.addEventListener("change", () => refreshList().catch((ex) => showError(err, ex)));

  return {
    id: "holds",
    title: "tab_holds",
    fkey: "F3",
    mount(root) {
      // The fields outlive a change of language: their words follow it.
      card.placeholder = t("card");
      item.placeholder = t("items");
      listCard.placeholder = t("card");
      queueItem.placeholder = t("items");
      relabel(pickup, pickupOptions());
      relabel(notify, notifyOptions());
      relabel(listStatus, statusOptions());
      replace(
        root,
        h(
          "div",
          { class: "holds-screen two-columns" },
          h(
            "form",
            { class: "hold-form", onsubmit: (e: Event) => { e.preventDefault(); place(); } },
            h("h2", {}, `${t("hold_place")} / ${t("hold_cart")}`),
            field(t("card"), card, who),
            field(t("items"), item),
            cart,
            field(t("pickup"), pickup),
            field(t("notify"), notify),
            h("label", { class: "check" }, inOrder, t("in_order")),
            err,
            h("button", { class: "primary", type: "button", "data-testid": "hold-submit", onclick: () => place() }, `F6 ${t("hold_place")}`),
          ),
          h(
            "div",
            {},
            h("h2", {}, t("holds")),
            h("div", { class: "filters" }, listCard, listStatus),
            h("table", { class: "list" }, list),
            h("h2", {}, t("queue")),
            queueItem,
            queueBox,
          ),
        ),
      );
      setScanField(card);
      refreshList().catch((ex) => showError(err, ex));
    },
    keys: () => [
      { key: "Enter", label: t("add_item") },
      { key: "F6", label: t("hold_place") },
    ],
    onKey(e) {
      if (e.key === "F6") {
        place();
        return true;
      }
      return false;
    },
  };
}

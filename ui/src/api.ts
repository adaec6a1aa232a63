// The only module that talks to the Rust core. Every function is one Tauri command; failures
// arrive as ApiError carrying the core's {code, rule, message, overridable, reasons}.

import { invoke } from "@tauri-apps/api/core";
import { setOnline } from "./components/indicator";
import type {
  AppInfo,
  Checkin,
  Checkout,
  Day,
  DayChange,
  DeskView,
  ErrorView,
  Expired,
  Hold,
  Item,
  Lang,
  Loan,
  Marked,
  NewLibrary,
  OpenStocktake,
  Panel,
  Patron,
  PatronDetails,
  Printed,
  PullEntry,
  Scanned,
  SignIn,
  StocktakeScan,
  StocktakeSummary,
} from "./types";

export class ApiError extends Error {
  constructor(public readonly view: ErrorView) {
    super(view.message);
  }

  get code(): string {
    return this.view.code;
  }

  /** Every reason, one per line: a single error is its own reason. */
  get reasons() {
    return this.view.reasons.length > 0 ? this.view.reasons : [this.view];
  }
}

async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    const result = await invoke<T>(command, args);
    setOnline(true);
    return result;
  } catch (e) {
    if (e && typeof e === "object" && "code" in e && "message" in e) {
      setOnline((e as ErrorView).code !== "app.server_unreachable");
      throw new ApiError(e as ErrorView);
    }
    throw new ApiError({ code: "app.internal", rule: null, message: String(e), overridable: false, reasons: [] });
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  initDatabase: (profile: string) => call<NewLibrary>("init_database", { profile }),
  chooseLibrary: (kind: "file" | "server", address: string | null, password: string | null) =>
    call<AppInfo>("choose_library", { kind, address, password }),
  serverPassword: (password: string) => call<AppInfo>("server_password", { password }),
  setLanguage: (lang: Lang) => call<void>("set_language", { lang }),
  signIn: (id: string, password: string) => call<SignIn>("staff_sign_in", { id, password }),
  setFirstPassword: (id: string, password: string) => call<SignIn>("staff_set_first_password", { id, password }),
  signOut: () => call<void>("staff_sign_out"),
  selectDesk: (code: string) => call<DeskView>("select_desk", { code }),

  scan: (code: string) => call<Scanned>("scan", { code }),
  patronPanel: (card: string) => call<Panel>("patron_panel", { card }),
  checkout: (card: string, item: string, override = false) => call<Checkout>("checkout", { card, item, override }),
  checkin: (item: string, returnedOn: string | null, override = false) =>
    call<Checkin>("checkin", { item, returned_on: returnedOn, override }),
  renew: (item: string, override = false) => call<Loan>("renew", { item, override }),
  checkinBookDrop: (item: string, droppedOn: string | null, override = false) =>
    call<Checkin>("checkin_book_drop", { item, dropped_on: droppedOn, override }),
  markItem: (item: string, to: string, note: string | null) => call<Marked>("item_mark", { item, to, note }),

  register: (card: string, details: PatronDetails) =>
    call<{ patron: Patron; temporary_password: string; slip: Printed }>("patron_register", { card, details }),
  updatePatron: (card: string, details: PatronDetails) => call<Patron>("patron_update", { card, details }),
  searchPatrons: (query: string) => call<Patron[]>("patron_search", { query }),
  resetPassword: (card: string) => call<{ temporary_password: string; slip: Printed }>("patron_reset_password", { card }),
  checkEmail: (email: string) => call<string>("check_email", { email }),
  replaceCard: (card: string, newCard: string) => call<Patron>("patron_replace_card", { card, new_card: newCard }),

  itemShow: (barcode: string) => call<{ item: Item; queue: Hold[] }>("item_show", { barcode }),
  placeHold: (card: string, item: string, pickup: string, notify: string, override = false) =>
    call<Hold>("hold_place", { card, item, pickup, notify, override }),
  placeCart: (card: string, items: string[], pickup: string, inOrder: boolean, notify: string) =>
    call<Hold[]>("hold_cart", { card, items, pickup, in_order: inOrder, notify }),
  holds: (filter: { card?: string; desk?: string; status?: string }) =>
    call<Hold[]>("holds_list", { card: filter.card ?? null, desk: filter.desk ?? null, status: filter.status ?? null }),
  cancelHold: (id: number) => call<Hold>("hold_cancel", { id }),
  changePickup: (id: number, pickup: string) => call<Hold>("hold_change_pickup", { id, pickup }),

  shelf: () => call<Hold[]>("shelf_list"),
  pullList: () => call<PullEntry[]>("pull_list"),
  expireShelf: () => call<Expired[]>("shelf_expire"),

  stocktakeStart: (collection: string) => call<number>("stocktake_start", { collection }),
  stocktakeScan: (id: number, item: string) => call<StocktakeScan>("stocktake_scan", { id, item }),
  stocktakeFinish: (id: number) => call<StocktakeSummary>("stocktake_finish", { id }),
  stocktakesOpen: () => call<OpenStocktake[]>("stocktakes_open"),

  printReceipt: (card: string) => call<Printed>("print_receipt", { card }),
  printReport: (kind: string, date: string | null) => call<Printed>("print_report", { kind, date }),
  printFile: (path: string, action: "preview" | "print") => call<void>("print_file", { path, action }),
  discardPrint: (path: string) => call<void>("print_discard", { path }),

  calendar: (desk: string, from: string, to: string) => call<Day[]>("calendar_days", { desk, from, to }),
  loansDue: (desk: string, day: string) => call<number>("calendar_loans_due", { desk, day }),
  changeDay: (desk: string, day: string, change: DayChange, reason: string) =>
    call<Day>("calendar_change", { desk, day, change, reason }),
};

// The wire format of kashidashi-wire (crates/wire), as the Tauri commands return it.

export type Lang = "ja" | "en";

export interface Reason {
  code: string;
  rule: string | null;
  message: string;
  overridable: boolean;
}

export interface ErrorView extends Reason {
  reasons: Reason[];
  /** The patron form's field at fault (card, name, kana, birth, email, ...), when one is. */
  field?: string | null;
  rows?: { line: number; column: string; problem: string }[];
}

export interface DeskView {
  code: string;
  name: string;
  name_en: string;
  kind: "counter" | "duty-room" | "partner" | "home";
  hours: string | null;
}

export interface AppInfo {
  initialized: boolean;
  db: string;
  /** Null at first start, before the desk chose this PC's file or a server. */
  library: { kind: "file" | "server"; name: string } | null;
  default_file: string;
  /** Why the chosen library did not open: a server's password to type, or no answer. */
  problem: ErrorView | null;
  library_name: string | null;
  library_name_en: string | null;
  profile: string | null;
  desks: DeskView[];
  residence_categories: string[];
  today: string;
  lang: Lang;
  desk: string | null;
  /** C21: the states a copy can be marked with, in the core's words. */
  copy_states: { code: string; label: string; label_en: string }[];
}

/** A database just created, with its admin's temporary password (shown once, K1). */
export interface NewLibrary extends AppInfo {
  admin_temporary_password: string;
}

export type Role = "counter" | "diet-duty" | "diet-office" | "supervisor" | "admin";

export interface Staff {
  id: string;
  name: string;
  role: Role;
}

export interface SignIn {
  staff: Staff;
  needs_password: boolean;
}

export interface Scanned {
  kind: "patron" | "item";
  value: string;
}

export interface Patron extends PatronDetails {
  card: string;
  must_change_password: boolean;
  registered_on: string;
  /** C22 利用停止 as entered: in force through `until` (or until resumed). */
  suspension: { reason: string; since: string; until: string | null } | null;
}

export interface PatronDetails {
  name: string;
  kana: string | null;
  birth_date: string | null;
  email: string | null;
  postal_code: string | null;
  address: string | null;
  phone: string | null;
  residence: string | null;
  partners: string[];
  keep_history: boolean;
}

export interface Item {
  barcode: string;
  title: string;
  author: string | null;
  isbn: string | null;
  call_number: string | null;
  collection: string;
  loan_type: string;
  ill: boolean;
  size_cm: [number, number, number] | null;
  weight_g: number | null;
  status: string;
  status_label: string;
  home_desk: string;
}

export interface Loan {
  item: string;
  title: string;
  author: string | null;
  due_date: string;
  renewed: boolean;
  renewals: number;
  desk: string;
  loaned_on: string;
  returned_on: string | null;
  loan_type: string;
}

export interface LoanLine extends Loan {
  overdue: boolean;
  renewable: boolean;
  renewal_refusals: Reason[];
  /** C10: the due date a renewal today would give. */
  renewal_due: string;
}

export type HoldStatus =
  | "waiting"
  | "allocated"
  | "in-transit"
  | "ready"
  | "awaiting-return"
  | "fulfilled"
  | "cancelled"
  | "expired";

export interface Hold {
  id: number;
  title: string;
  status: HoldStatus;
  status_label: string;
  position: number | null;
  pickup: string;
  shelf_desk: string | null;
  notify: "email" | "none";
  placed_by: "patron" | "staff";
  card: string;
  item: string | null;
  cart: number | null;
  cart_seq: number | null;
  notified_on: string | null;
  available_from: string | null;
  expires_on: string | null;
  delivery_run: string | null;
}

export interface Block {
  code: "overdue" | "loan_limit" | "hold_limit" | "temporary_password";
  count: number | null;
}

export interface Panel {
  patron: Patron;
  loans: LoanLine[];
  holds: Hold[];
  ready_here: Hold[];
  blocks: Block[];
}

export interface Checkout {
  loan: Loan;
  patron: Patron;
  fulfilled_hold: number | null;
}

export interface Trap {
  hold: number;
  route: "shelf" | "transit";
  status: HoldStatus;
  destination: string;
  pickup: string;
  card_masked: string;
  title: string;
  notified_on: string | null;
  available_from: string | null;
  expires_on: string | null;
  delivery_run: string | null;
}

export interface Printed {
  kind: string;
  /** The saved PDF; null when it could not be saved, `error` saying why (issue 10.15). */
  path: string | null;
  csv: string | null;
  error: ErrorView | null;
}

export interface Checkin {
  slip: Printed | null;
  loan: Loan | null;
  item: Item;
  overdue: boolean;
  received: boolean;
  trapped: Trap | null;
  transit: { to: string; hold: number | null } | null;
}

export interface PullEntry extends Hold {
  call_number: string | null;
  collection: string;
}

export interface Expired {
  hold: number;
  title: string;
  item: string | null;
  shelf_desk: string | null;
  expired_on: string;
}

export interface Day {
  date: string;
  weekday: string;
  open: boolean;
  duty: boolean;
  delivery_run: boolean;
  holiday: string | null;
  closure: string | null;
}

export type DayChange = "close" | "open" | "cancel-run" | "add-run" | "cancel-duty" | "add-duty";

/** A copy scanned into a stock-taking (C21): `first` false for a second scan, `found` when it was 不明. */
export interface StocktakeScan {
  item: Item;
  first: boolean;
  found: boolean;
}

export interface StocktakeSummary {
  id: number;
  collection: string;
  scanned: number;
  missing: { barcode: string; title: string; call_number: string | null }[];
}

/** `item_mark` (C21): the copy as it is now; false `changed` when it had that state already. */
export interface Marked {
  item: Item;
  changed: boolean;
  trapped: Trap | null;
  transit: { to: string; hold: number | null } | null;
}

/** A stock-taking still counting, started here or at another desk. */
export interface OpenStocktake {
  id: number;
  collection: string;
  started_on: string;
  started_by: string;
  scanned: number;
}

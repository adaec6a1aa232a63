// What every screen offers the shell.

import type { KeyHint } from "../components/keybar";
import type { Key } from "../i18n";

export interface Screen {
  id: string;
  title: Key;
  fkey: string;
  mount(root: HTMLElement): void;
  /** Keys this screen handles, shown in the key bar. */
  keys(): KeyHint[];
  /** A key press the shell did not handle; true when handled. */
  onKey?(e: KeyboardEvent): boolean;
  /** Only for some roles (the calendar's changes are for supervisors; viewing is for all). */
  visible?(): boolean;
}

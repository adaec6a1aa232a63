// The e2e library: a demo library (a month of real desk activity) plus a few known records
// the scenario needs, all made with the real `kashidashi` command.

import { execFileSync } from "node:child_process";
import { CLI, kashidashi } from "./lib.mjs";

export const TARO = "2900000001";
export const HANAKO = "2900000002";
export const BOCCHAN = "1900000001";
export const KOKORO = "1900000002";
export const RASHOMON = "1900000003";
/** A northern-collection copy: the general counter lends it only on a supervisor's override (H11). */
export const HOPPO = "1900000004";
/** Lent to Hanako: returned by a scan made while the trap pop-up is open. */
export const MAIHIME = "1900000005";
/** Lent to Hanako on Tue 2026-11-10, ten days before the app's today: a backdated return (H15). */
export const GAN = "1900000007";
/** Northern copies on the shelves since 2026-11-01, before the stock-taking (C21) starts. */
export const SHELF_SEEN = ["1900000011", "1900000012"];
export const SHELF_UNSEEN = "1900000013";

export function build(db, scale = "small") {
  kashidashi(db, "demo", "--scale", scale);
  kashidashi(db, "patron", "register", "--card", TARO, "--name", "試験 太郎", "--kana", "シケン タロウ", "--birth", "1990-04-01", "--email", "taro@example.jp");
  kashidashi(db, "patron", "register", "--card", HANAKO, "--name", "試験 花子", "--kana", "シケン ハナコ", "--birth", "1992-08-15");
  kashidashi(db, "item", "add", "--barcode", BOCCHAN, "--title", "坊っちゃん(試験)", "--author", "夏目漱石");
  kashidashi(db, "item", "add", "--barcode", KOKORO, "--title", "こころ(試験)", "--author", "夏目漱石");
  kashidashi(db, "item", "add", "--barcode", RASHOMON, "--title", "羅生門(試験)", "--author", "芥川龍之介");
  // Hanako has こころ, and Taro waits for it: returning it traps the copy for Taro.
  kashidashi(db, "checkout", "--card", HANAKO, "--item", KOKORO);
  kashidashi(db, "hold", "place", "--card", TARO, "--item", KOKORO, "--pickup", "general");
  // Taro has 羅生門 and Hanako waits for it: Taro's renewal is refused (C11).
  kashidashi(db, "checkout", "--card", TARO, "--item", RASHOMON);
  kashidashi(db, "hold", "place", "--card", HANAKO, "--item", RASHOMON, "--pickup", "general");
  kashidashi(db, "item", "add", "--barcode", HOPPO, "--title", "北の本(試験)", "--collection", "northern");
  kashidashi(db, "item", "add", "--barcode", MAIHIME, "--title", "舞姫(試験)", "--author", "森鷗外");
  kashidashi(db, "checkout", "--card", HANAKO, "--item", MAIHIME);
  kashidashi(db, "item", "add", "--barcode", GAN, "--title", "雁(試験)", "--author", "森鷗外");
  execFileSync(CLI, ["--db", db, "--json", "--now", "2026-11-10", "checkout", "--card", HANAKO, "--item", GAN], { encoding: "utf8" });
  for (const [barcode, title] of [[SHELF_SEEN[0], "北海道の川(試験)"], [SHELF_SEEN[1], "北海道の山(試験)"], [SHELF_UNSEEN, "北海道の湖(試験)"]]) {
    execFileSync(CLI, ["--db", db, "--json", "--now", "2026-11-01", "item", "add", "--barcode", barcode, "--title", title, "--collection", "northern"], { encoding: "utf8" });
  }
}

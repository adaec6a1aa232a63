// The e2e library: a demo library (a month of real desk activity) plus a few known records
// the scenario needs, all made with the real `kashidashi` command.

import { kashidashi } from "./lib.mjs";

export const TARO = "2900000001";
export const HANAKO = "2900000002";
export const BOCCHAN = "1900000001";
export const KOKORO = "1900000002";
export const RASHOMON = "1900000003";

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
}

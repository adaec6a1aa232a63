// The counter's year in the real window (issue 9, issue 10 items 6 and 15): a slip that cannot
// be saved never hides the temporary password, the password slip is gone once its dialog closes,
// copies marked from their row (C21), a lost card replaced (C22), the book drop (H11) and a
// stock-taking started at another desk resumed here. Screenshots go to tests/artifacts/.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, NOW, activeId, ensureBuilt, kashidashi, openApp, rowCount, scan, scratch, shot, signIn, waitRow } from "./lib.mjs";
import { HANAKO, SHELF_SEEN, SHELF_UNSEEN, TARO, build } from "./fixture.mjs";

/** Lent to Hanako from the app, then marked from its row. */
const MARK_COPY = "1900000031";
/** Lent to Hanako on Tue 2026-11-10 and dropped in the general counter's book drop. */
const DROPPED = "1900000032";
/** A northern copy lent at the northern counter: the book drop does not take it (H11). */
const DROPPED_NORTHERN = "1900000033";
/** Taro's lost card is replaced by this one. */
const NEW_CARD = "2900000049";

let home;
let app;
let browser;

before(async () => {
  ensureBuilt();
  home = scratch();
  build(home.db);
  kashidashi(home.db, "item", "add", "--barcode", MARK_COPY, "--title", "高瀬舟(試験)", "--author", "森鷗外");
  kashidashi(home.db, "item", "add", "--barcode", DROPPED, "--title", "山椒大夫(試験)", "--author", "森鷗外");
  kashidashi(home.db, "item", "add", "--barcode", DROPPED_NORTHERN, "--title", "北海道の森(試験)", "--collection", "northern");
  const lentOn = (desk, item) =>
    execFileSync(CLI, ["--db", home.db, "--json", "--now", "2026-11-10", "--desk", desk, "checkout", "--card", HANAKO, "--item", item], { encoding: "utf8" });
  lentOn("general", DROPPED);
  lentOn("northern", DROPPED_NORTHERN);
  app = await openApp(home);
  browser = app.browser;
});

after(async () => {
  await app?.close();
  home?.cleanup();
});

/** The coded error of a CLI command that is refused. */
function refusal(...args) {
  try {
    execFileSync(CLI, ["--db", home.db, "--json", "--now", NOW, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    return JSON.parse(e.stdout).error.code;
  }
  throw new Error(`${args.join(" ")} was not refused`);
}

/** The data-testid of the element with focus (lib.mjs's activeId reads ids first). */
function focused() {
  return browser.execute(() => document.activeElement?.getAttribute("data-testid") ?? null);
}

async function ctrl(key) {
  await browser.keys(["Control", key]);
  await browser.keys(["Control"]);
}

async function registerNew(card, name) {
  await browser.keys(["F2"]);
  await browser.keys(["F6"]);
  await (await browser.$("[data-testid=patron-form]")).waitForExist({ timeout: 5000 });
  await (await browser.$("[data-testid=card]")).setValue(card);
  await (await browser.$("[data-testid=name]")).setValue(name);
  await (await browser.$("[data-testid=patron-submit]")).click();
  const pw = await browser.$("[data-testid=temp-password]");
  await pw.waitForDisplayed({ timeout: 5000 });
  return pw.getText();
}

const printsDir = () => join(home.dir, "prints");

test("a supervisor signs in at the general counter", async () => {
  const desk = await signIn(browser, "super1", "kashidashi", 1);
  await desk.pick();
  assert.equal(await (await browser.$("[data-testid=desk-name]")).getText(), "一般資料カウンター");
});

test("a slip that cannot be saved never hides the temporary password: both are shown (issue 10.15)", async () => {
  // Where the slip folder should be there is a file: no PDF can be written.
  rmSync(printsDir(), { recursive: true, force: true });
  writeFileSync(printsDir(), "");
  try {
    const password = await registerNew("2900000029", "保存 失敗");
    assert.match(password, /^[a-z2-9]{8}$/);
    const dialog = await browser.$("[data-testid=temp-password-dialog]");
    const failure = await browser.$("[data-testid=temp-password-dialog] [data-testid=slip-error]");
    assert.ok(await failure.isExisting(), "the dialog says the slip was not saved");
    assert.match(await failure.getText(), /伝票のPDFを保存できませんでした。処理は記録済みです/);
    assert.ok(!(await (await browser.$("[data-testid=temp-password-dialog] [data-testid=slip-path]")).isExisting()), "no file is offered");
    await shot(browser, "y01-slip-not-saved");
    await browser.keys(["Escape"]);
    await dialog.waitForExist({ reverse: true, timeout: 5000 });
    const login = kashidashi(home.db, "patron", "login", "--card", "2900000029", "--password", password);
    assert.equal(login.must_change_password, true, "the password shown is the one registered");
  } finally {
    rmSync(printsDir(), { force: true });
  }
});

test("a temporary-password slip is deleted once its dialog closes, printed or not (issue 10.6)", async () => {
  const password = await registerNew("2900000039", "仮 削除");
  const path = await (await browser.$("[data-testid=temp-password-dialog] [data-testid=slip-path]")).getText();
  assert.ok(existsSync(path), "the slip is there while its dialog is open, to print or preview");
  await browser.keys(["p"]);
  const status = await browser.$("[data-testid=temp-password-dialog] [data-testid=print-status]");
  await browser.waitUntil(async () => (await status.getText()) !== "", { timeout: 10_000 });
  await browser.keys(["Escape"]);
  await (await browser.$("[data-testid=temp-password-dialog]")).waitForExist({ reverse: true, timeout: 5000 });
  await browser.waitUntil(async () => !existsSync(path), { timeout: 5000, timeoutMsg: `${path} is still there` });
  const left = readdirSync(printsDir());
  assert.deepEqual(left.filter((f) => f.startsWith("temporary-password-")), [], left.join(","));
  for (const f of left.filter((f) => f.endsWith(".pdf"))) {
    const text = execFileSync("pdftotext", [join(printsDir(), f), "-"], { encoding: "utf8" });
    assert.ok(!text.includes(password), `${f} holds the password`);
  }
});

test("a copy is marked from its row: a refusal names C21, 紛失 closes the loan, Escape backs out (C21)", async () => {
  await browser.keys(["F1"]);
  await browser.keys(["F6"]);
  const base = await rowCount(browser);
  await scan(browser, HANAKO);
  await waitRow(browser, base + 1);
  await scan(browser, MARK_COPY);
  const lent = await waitRow(browser, base + 2);
  assert.equal(lent.outcome, "ok", lent.text);
  assert.ok(await (await browser.$(`[data-testid=results] tr[data-code="${MARK_COPY}"] [data-testid=mark]`)).isExisting(), "the item row offers its marks");

  // 汚損 is judged with the copy in hand: on loan, the core refuses it by name.
  await ctrl("m");
  const ask = await browser.$("[data-testid=mark-dialog]");
  await ask.waitForExist({ timeout: 5000 });
  assert.equal(await focused(), "mark-state", "the list of states has the keyboard");
  const labels = await browser.execute(() => [...document.querySelectorAll("[data-testid=mark-state] option")].map((o) => o.textContent));
  assert.deepEqual(labels.slice(0, 6), ["紛失", "汚損", "修理中", "除籍", "返却済申告", "不明"]);
  await browser.keys(["ArrowDown"]);
  assert.equal(await browser.execute(() => document.querySelector("[data-testid=mark-state]").value), "damaged");
  await shot(browser, "y02-mark-dialog");
  await ctrl("Enter");
  await ask.waitForExist({ reverse: true, timeout: 5000 });
  const refused = await waitRow(browser, base + 3);
  assert.equal(refused.outcome, "refused", refused.text);
  assert.match(refused.text, /貸出中の資料です。返却処理をしてから「汚損」にしてください。/);
  assert.match(refused.text, /C21/);
  assert.equal(kashidashi(home.db, "item", "show", "--barcode", MARK_COPY).item.status, "on-loan");

  // The patron says it is lost: 紛失 closes the loan, and the panel no longer lists it.
  await ctrl("m");
  await ask.waitForExist({ timeout: 5000 });
  assert.equal(await browser.execute(() => document.querySelector("[data-testid=mark-state]").value), "lost");
  await (await browser.$("[data-testid=mark-note]")).setValue("利用者から紛失の申し出");
  await ctrl("Enter");
  const lost = await waitRow(browser, base + 4);
  assert.equal(lost.outcome, "ok", lost.text);
  assert.match(lost.text, /紛失 にしました/);
  const item = kashidashi(home.db, "item", "show", "--barcode", MARK_COPY).item;
  assert.equal(item.status_label, "紛失");
  assert.equal(item.state_note, "利用者から紛失の申し出");
  const loans = await browser.execute(() => [...document.querySelectorAll("[data-testid=loans] tr[data-item]")].map((r) => r.dataset.item));
  assert.ok(!loans.includes(MARK_COPY), `the lost copy left the panel: ${loans.join(",")}`);
  await shot(browser, "y03-marked-lost");

  // Escape backs out: nothing changes, focus is back in the scan field.
  await ctrl("m");
  await ask.waitForExist({ timeout: 5000 });
  await browser.keys(["ArrowDown", "ArrowDown"]);
  await browser.keys(["Escape"]);
  await ask.waitForExist({ reverse: true, timeout: 5000 });
  const cancelled = await waitRow(browser, base + 5);
  assert.equal(cancelled.outcome, "cancelled");
  assert.equal(kashidashi(home.db, "item", "show", "--barcode", MARK_COPY).item.status_label, "紛失");
  assert.equal(await activeId(browser), "scan");
});

test("a lost card is replaced from the patron screen: loans stay, the old number is refused by name (C22)", async () => {
  await browser.keys(["F2"]);
  const query = await browser.$("[data-testid=patron-query]");
  await query.setValue(TARO);
  await browser.keys(["Enter"]);
  const name = await browser.$("[data-testid=patron-form] [data-testid=name]");
  await browser.waitUntil(async () => (await name.getValue()) === "試験 太郎", { timeout: 5000 });
  await (await browser.$("[data-testid=replace-card]")).click();
  const ask = await browser.$("[data-testid=replace-card-dialog]");
  await ask.waitForExist({ timeout: 5000 });
  assert.equal(await focused(), "new-card", "the new card is scanned straight into the dialog");
  // The scanner's Enter does not commit the replacement.
  await (await browser.$("[data-testid=new-card]")).addValue(`${NEW_CARD}\uE007`);
  await browser.pause(200);
  assert.ok(await ask.isExisting(), "a bare Enter does not replace the card");
  assert.equal(kashidashi(home.db, "patron", "show", "--card", TARO).patron.card, TARO);
  await shot(browser, "y04-replace-card");
  await ctrl("Enter");
  const done = await browser.$("[data-testid=card-replaced]");
  await done.waitForExist({ timeout: 5000 });
  assert.match(await done.getText(), new RegExp(`${NEW_CARD}[\\s\\S]*${TARO} は使えません`));
  await browser.keys(["Enter"]);
  await done.waitForExist({ reverse: true, timeout: 5000 });
  const shown = kashidashi(home.db, "patron", "show", "--card", NEW_CARD);
  assert.equal(shown.patron.name, "試験 太郎");
  assert.ok(shown.loans.length >= 1, "Taro's loans moved with him");
  assert.equal(refusal("patron", "show", "--card", TARO), "patron.card_replaced");

  await browser.keys(["F1"]);
  await browser.keys(["F6"]);
  const base = await rowCount(browser);
  await scan(browser, TARO);
  const r = await waitRow(browser, base + 1);
  await shot(browser, "y05-old-card-refused");
  assert.equal(r.outcome, "refused", r.text);
  assert.match(r.text, new RegExp(`利用者番号 ${TARO} のカードは再発行により使えなくなっています`));
  assert.match(r.text, /C22/);
});

test("book-drop mode returns each copy as of its drop day, under a banner, and ends with Escape (H11, C23)", async () => {
  await ctrl("b");
  const banner = await browser.$("[data-testid=book-drop]");
  await banner.waitForDisplayed({ timeout: 5000 });
  assert.match(await banner.getText(), /ブックポスト返却中/);
  assert.match(await (await browser.$("[data-testid=mode]")).getText(), /ブックポスト返却/);
  assert.equal(await activeId(browser), "scan");
  const base = await rowCount(browser);
  await scan(browser, DROPPED);
  // Dropped after Thursday's closing: returned as of Thu 11/19, the counter's last open day.
  const r = await waitRow(browser, base + 1);
  assert.equal(r.outcome, "ok", r.text);
  assert.match(r.text, /ブックポスト 2026年11月19日\(木\) 返却/);
  assert.equal(kashidashi(home.db, "item", "show", "--barcode", DROPPED).item.status, "available");
  await scan(browser, DROPPED_NORTHERN);
  const north = await waitRow(browser, base + 2);
  await shot(browser, "y06-book-drop");
  assert.equal(north.outcome, "refused", north.text);
  assert.match(north.text, /H11/);
  assert.equal(kashidashi(home.db, "item", "show", "--barcode", DROPPED_NORTHERN).item.status, "on-loan");
  await browser.keys(["Escape"]);
  await browser.waitUntil(async () => !(await banner.isDisplayed()), { timeout: 5000, timeoutMsg: "Escape ends the book drop" });
  assert.doesNotMatch(await (await browser.$("[data-testid=mode]")).getText(), /ブックポスト/);
});

test("a stock-taking started at the northern counter is resumed on the 蔵書点検 screen and finished here (C21)", async () => {
  const { id } = kashidashi(home.db, "--desk", "northern", "stocktake", "start", "--collection", "northern");
  kashidashi(home.db, "--desk", "northern", "stocktake", "scan", "--id", String(id), "--item", SHELF_SEEN[1]);
  await ctrl("t");
  const running = await browser.$(`[data-testid=stocktake-running] li[data-id="${id}"]`);
  await running.waitForExist({ timeout: 5000 });
  assert.match(await running.getText(), /北方資料[\s\S]*2026年11月20日\(金\)[\s\S]*読込 1 冊/);
  assert.equal(await focused(), "stocktake-resume", "the keyboard is on the count to resume");
  await shot(browser, "y07-stocktake-running");
  await browser.keys(["Enter"]);
  const field = await browser.$("[data-testid=stocktake-scan]");
  await field.waitForExist({ timeout: 5000 });
  assert.equal(await activeId(browser), "stocktake-scan");
  await field.addValue(`${SHELF_SEEN[0]}\uE007`);
  const status = await browser.$("[data-testid=stocktake-status]");
  await browser.waitUntil(async () => (await status.getText()).includes("読込 2 冊"), { timeout: 5000, timeoutMsg: "the northern desk's scan counts too" });
  assert.match(await status.getText(), new RegExp(`#${id}`));
  await (await browser.$("[data-testid=stocktake-finish]")).click();
  await (await browser.$("[data-testid=stocktake-finish-dialog]")).waitForExist({ timeout: 5000 });
  await ctrl("Enter");
  const missing = await browser.$("[data-testid=stocktake-missing]");
  await missing.waitForExist({ timeout: 10_000 });
  const listed = await browser.execute(() => [...document.querySelectorAll("[data-testid=stocktake-missing] tr")].map((r) => r.dataset.item));
  assert.ok(listed.includes(SHELF_UNSEEN), listed.join(","));
  assert.ok(!listed.includes(SHELF_SEEN[0]) && !listed.includes(SHELF_SEEN[1]));
  assert.equal(refusal("stocktake", "finish", "--id", String(id)), "stocktake.finished");
});

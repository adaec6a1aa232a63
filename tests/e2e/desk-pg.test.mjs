// The desk app on a PostgreSQL library (issue 12): started as on a new PC, it asks which library
// to work on and takes a server's address (never with a password in it) and its password, saves
// the choice for its owner only, and shows on screen that it is on the server; then the
// counter's walk (a checkout, a return that traps a hold) lands in the server's database; a
// connection the server cut is said on screen and the next scan connects again. At the next
// start it asks only the password, and not even that with the password in ~/.pgpass. Runs under
// scripts/pg-test-server.sh, which gives the throwaway server's URL in KASHIDASHI_TEST_PG (trust
// on its socket); the test makes the desk's own role `desk` sign in with a password.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBuilt, kashidashi, openApp, scan, scratch, shot, signIn, waitRow } from "./lib.mjs";
import { BOCCHAN, KOKORO, MAIHIME, TARO, build } from "./fixture.mjs";

const SERVER = process.env.KASHIDASHI_TEST_PG;
const DATABASE = "kashidashi_e2e";
const PASSWORD = "kaunta-2026";

let home;
let app;
let browser;
/** The library as the CLI reaches it (the server's superuser, trusted on the socket). */
let address;
/** The library as the desk reaches it: its own role, with a password. */
let deskAddress;
let rows = 0;

function psql(sql) {
  return execFileSync("psql", [SERVER, "-XAtqc", sql], { encoding: "utf8" }).trim();
}

before(async () => {
  assert.ok(SERVER, "KASHIDASHI_TEST_PG names the server: run under scripts/pg-test-server.sh");
  ensureBuilt();
  psql(`CREATE DATABASE ${DATABASE}`);
  address = SERVER.replace(/\/[^/?]*(\?.*)?$/, (_, query) => `/${DATABASE}${query ?? ""}`);
  deskAddress = address.replace("://postgres@", "://desk@");
  // Every role but the superuser signs in with a password from now on (a server's pg_hba.conf
  // written by the server itself: the data folder belongs to its user).
  psql(`CREATE ROLE desk LOGIN SUPERUSER PASSWORD '${PASSWORD}'`);
  const hba = psql("SHOW hba_file");
  psql(`COPY (VALUES ('local all postgres trust'), ('local all all scram-sha-256')) TO '${hba}'`);
  psql("SELECT pg_reload_conf()");
  home = scratch();
  build(address);
  app = await openApp(home, { db: null });
  browser = app.browser;
});

after(async () => {
  await app?.close();
  home?.cleanup();
});

async function scanRow(code) {
  await scan(browser, code);
  rows += 1;
  return waitRow(browser, rows);
}

const indicator = () => browser.$("[data-testid=library-indicator]");
const config = () => join(home.dir, "config", "kashidashi", "desk.json");

test("a new desk refuses a server address with a password in it, and saves nothing", async () => {
  const choice = await browser.$("[data-testid=choose-library]");
  await choice.waitForExist({ timeout: 20_000 });
  await shot(browser, "pg-01-choose-library");
  const withPassword = deskAddress.replace("desk@", `desk:${PASSWORD}@`);
  await (await browser.$("[data-testid=server-address]")).setValue(withPassword);
  await (await browser.$("[data-testid=choose-server-submit]")).click();
  const err = await browser.$("[data-testid=form-error]");
  await err.waitForExist({ timeout: 5000 });
  assert.match(await err.getText(), /パスワードはアドレスに入れず/);
  assert.doesNotMatch(await err.getText(), new RegExp(PASSWORD));
  assert.equal(existsSync(config()), false, "nothing saved");
});

test("a wrong server password is refused by the server's word, and nothing is saved", async () => {
  await (await browser.$("[data-testid=server-address]")).setValue(deskAddress);
  await (await browser.$("[data-testid=server-password]")).setValue("kaunta-2025");
  await (await browser.$("[data-testid=choose-server-submit]")).click();
  const err = await browser.$("[data-testid=form-error]");
  await browser.waitUntil(async () => /パスワードを受け付けませんでした/.test(await err.getText()), { timeout: 10_000 });
  assert.equal(existsSync(config()), false, "nothing saved");
});

test("the desk chooses the server by its address, saved 0600 without a password, and says so", async () => {
  await (await browser.$("[data-testid=server-address]")).setValue(deskAddress);
  await (await browser.$("[data-testid=server-password]")).setValue(PASSWORD);
  await (await browser.$("[data-testid=choose-server-submit]")).click();
  await (await browser.$("[data-testid=staff-id]")).waitForExist({ timeout: 20_000 });
  const badge = await indicator();
  assert.equal(await badge.getAttribute("data-kind"), "server");
  assert.match(await badge.getText(), new RegExp(`^サーバー .*/${DATABASE}$`));
  assert.equal(statSync(config()).mode & 0o777, 0o600);
  assert.deepEqual(JSON.parse(readFileSync(config(), "utf8")), { library: "server", address: deskAddress });
  assert.doesNotMatch(await badge.getText(), /desk|kaunta/, "neither the user nor the password shows");
  await shot(browser, "pg-02-signin-on-server");
});

test("checking out at the desk writes the loan to the server", async () => {
  const desk = await signIn(browser, "counter1", "kashidashi", 1);
  await desk.pick();
  assert.match(await (await indicator()).getText(), /^サーバー /, "the header shows the server");
  assert.equal((await scanRow(TARO)).outcome, "ok");
  const r = await scanRow(BOCCHAN);
  assert.equal(r.outcome, "ok", r.text);
  // H6: lent on Fri 2026-11-20 at a counter, 15 days counting the day → 2026-12-04.
  assert.match(r.text, /2026年12月4日\(金\)/);
  assert.equal(kashidashi(address, "item", "show", "--barcode", BOCCHAN).item.status, "on-loan");
  await shot(browser, "pg-03-checkout");
});

test("returning a copy Taro waits for traps it for the general counter's shelf", async () => {
  await browser.keys(["F7"]);
  const r = await scanRow(KOKORO);
  assert.equal(r.outcome, "warn", r.text);
  const dialog = await browser.$("[data-testid=trap-dialog]");
  await dialog.waitForExist({ timeout: 5000 });
  const text = await dialog.getText();
  assert.match(text, /一般資料カウンターの予約棚/);
  // H10: from Sat 11/21, ten open days of the general counter (closed Mondays) → Wed 12/2.
  assert.match(text, /2026年12月2日\(水\)/);
  await shot(browser, "pg-04-return-trap");
  await browser.keys(["Escape"]);
  await dialog.waitForExist({ reverse: true, timeout: 5000 });
  const hold = kashidashi(address, "hold", "list", "--card", TARO).holds[0];
  assert.equal(hold.status, "ready");
});

test("a connection the server cut is said on screen, and the next scan connects again", async () => {
  const cut = psql(
    `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${DATABASE}' AND pid <> pg_backend_pid()`,
  );
  assert.equal(cut, "1", "the desk's one connection");
  const lost = await scanRow(MAIHIME);
  assert.equal(lost.outcome, "refused", lost.text);
  assert.match(lost.text, /サーバー .* につながりません/);
  const badge = await indicator();
  assert.equal(await badge.getAttribute("data-online"), "false");
  assert.match(await badge.getText(), /接続なし/);
  await shot(browser, "pg-05-connection-lost");
  assert.equal(kashidashi(address, "item", "show", "--barcode", MAIHIME).item.status, "on-loan", "not returned");
  await browser.pause(2100); // the same barcode again after the two-second repeat guard
  const back = await scanRow(MAIHIME);
  assert.equal(back.outcome, "ok", back.text);
  assert.equal(await badge.getAttribute("data-online"), "true");
  assert.equal(kashidashi(address, "item", "show", "--barcode", MAIHIME).item.status, "available");
});

/** Close the window and start the app again in the same home, as the next morning. */
async function restart() {
  await app.close();
  app = await openApp(home, { db: null });
  browser = app.browser;
}

test("at the next start the saved server opens, asking only its password (kept in memory)", async () => {
  await restart();
  const first = await browser.$("[data-testid=ask-server-password], [data-testid=library-problem], [data-testid=staff-id], [data-testid=choose-library]");
  await first.waitForExist({ timeout: 20_000 });
  const ask = await browser.$("[data-testid=ask-server-password]");
  assert.ok(await ask.isExisting(), await browser.execute(() => document.body.innerText));
  assert.match(await ask.getText(), /パスワードを求めています/);
  await (await browser.$("[data-testid=server-password]")).setValue(PASSWORD);
  await browser.keys(["Enter"]);
  await (await browser.$("[data-testid=staff-id]")).waitForExist({ timeout: 20_000 });
  assert.match(await (await indicator()).getText(), new RegExp(`^サーバー .*/${DATABASE}$`));
  assert.doesNotMatch(readFileSync(config(), "utf8"), new RegExp(PASSWORD), "never saved");
});

test("with the password in the desk's .pgpass (0600) it starts without asking", async () => {
  writeFileSync(join(home.dir, "pgpass"), `*:*:${DATABASE}:desk:${PASSWORD}\n`, { mode: 0o600 });
  await restart();
  await (await browser.$("[data-testid=staff-id]")).waitForExist({ timeout: 20_000 });
  assert.equal(await (await browser.$("[data-testid=ask-server-password]")).isExisting(), false);
  assert.equal(await (await indicator()).getAttribute("data-kind"), "server");
});

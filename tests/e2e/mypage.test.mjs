// My Page (issue 13) in headless Chromium through WebDriver, at phone width (360 px) and at a
// desktop's: sign in with a temporary password and be made to change it (K1), renew a loan (C10),
// show the card barcode (C4), screenshot it and read it back with zbarimg and `kashidashi scan`;
// change the e-mail with each H5 refusal shown, place a cart in order (H9), cancel a hold (C15).
// Screenshots go to tests/artifacts/mypage-*.png.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { remote } from "webdriverio";

const ROOT = new URL("../..", import.meta.url).pathname;
const CLI = join(ROOT, "target/release/kashidashi");
const ARTIFACTS = join(ROOT, "tests/artifacts");
const CARD = "2000000019";
// Lent Wed 3/25 at the general counter: due 4/8; renewed on 4/1 → due 4/15 (the Hokkaido guide's example).
const LENT = "2026-03-25";
const TODAY = "2026-04-01";

let dir, db, server, driver, browser;

const k = (now, ...args) =>
  JSON.parse(execFileSync(CLI, ["--db", db, "--json", "--now", now, ...args], { encoding: "utf8" }));

function freePort() {
  return new Promise((ok) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

function waitForPort(port) {
  const deadline = Date.now() + 15000;
  return new Promise((ok, fail) => {
    const attempt = () => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => { s.destroy(); ok(); });
      s.once("error", () => {
        s.destroy();
        if (Date.now() > deadline) fail(new Error(`port ${port} did not open`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

let base;
const shot = (name) => browser.saveScreenshot(join(ARTIFACTS, `mypage-${name}.png`));

before(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: cargo build --release -p kashidashi-cli`);
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "kashidashi-mypage-"));
  db = join(dir, "k.db");
  k(LENT, "init", "--profile", "hokkaido");
  k(LENT, "item", "add", "--barcode", "1000000017", "--title", "坊っちゃん", "--author", "夏目 漱石");
  k(LENT, "item", "add", "--barcode", "1000000025", "--title", "こころ", "--author", "夏目 漱石");
  const reg = k(LENT, "patron", "register", "--card", CARD, "--name", "山田 太郎", "--birth", "1990-04-01");
  globalThis.temporary = reg.temporary_password;
  k(LENT, "checkout", "--card", CARD, "--item", "1000000017");
  k(LENT, "checkout", "--card", CARD, "--item", "1000000025");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(CLI, ["--db", db, "--now", TODAY, "serve", "--listen", `127.0.0.1:${port}`], { stdio: ["ignore", "ignore", "pipe"] });
  server.stderr.on("data", (d) => { globalThis.accessLog = (globalThis.accessLog ?? "") + d; });
  await waitForPort(port);
  const dport = await freePort();
  driver = spawn("/usr/bin/chromedriver", [`--port=${dport}`], { stdio: "ignore" });
  await waitForPort(dport);
  globalThis.driverPort = dport;
  browser = await remote({
    hostname: "127.0.0.1",
    port: dport,
    path: "/",
    logLevel: "error",
    capabilities: {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: "/usr/bin/chromium",
        args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
        // A phone's viewport: a headless window cannot be made narrower than about 500 px.
        mobileEmulation: { deviceMetrics: { width: 360, height: 780, pixelRatio: 1, touch: true } },
      },
    },
  });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.kill();
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("K1: a temporary password signs in only to change it", async () => {
  await browser.url(`${base}/signin`);
  await shot("signin-360");
  await browser.$("#card").setValue(CARD);
  await browser.$("#password").setValue(globalThis.temporary);
  await browser.$("button[type=submit]").click();
  await browser.waitUntil(async () => (await browser.getUrl()).endsWith("/password"));
  assert.match(await browser.$("main").getText(), /仮パスワードでログインしています/);
  await browser.url(`${base}/loans`);
  assert.ok((await browser.getUrl()).endsWith("/password"), "every page leads back to the change");
  // K2/H2 refusal in words, then the change.
  await browser.$("#old").setValue(globalThis.temporary);
  await browser.$("#new").setValue("ab!");
  await browser.$("#again").setValue("ab!");
  await browser.$("main button[type=submit]").click();
  await browser.$(".error").waitForExist();
  assert.match(await browser.$(".error").getText(), /半角英数字/);
  await shot("password-refused-360");
  await browser.$("#old").setValue(globalThis.temporary);
  await browser.$("#new").setValue("Yama1990");
  await browser.$("#again").setValue("Yama1990");
  await browser.$("main button[type=submit]").click();
  await browser.waitUntil(async () => (await browser.getUrl()).includes("/loans"));
  assert.match(await browser.$("main").getText(), /パスワードを変更しました/);
});

test("C10: a loan due 4/8 renewed on 4/1 is due 4/15 and shows 延長済", async () => {
  const text = await browser.$("main").getText();
  assert.match(text, /2026年4月8日/);
  await shot("loans-360");
  const width = await browser.execute(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no sideways scrolling at 360 px (${width})`);
  const button = await browser.$("button[name=loan]");
  const size = await button.getSize();
  assert.ok(size.height >= 44, `a touch target (${size.height} px)`);
  await button.click();
  await browser.$(".outcome").waitForExist();
  const after = await browser.$("main").getText();
  assert.match(after, /を延長しました/);
  assert.match(after, /2026年4月15日/);
  assert.match(after, /延長済/);
  await shot("renewed-360");
});

test("C4: the card barcode on the phone reads back as the same card", async () => {
  await browser.url(`${base}/card`);
  await shot("card-360");
  const file = join(ARTIFACTS, "mypage-card-barcode.png");
  await browser.$(".cardcode img").saveScreenshot(file);
  const raw = execFileSync("zbarimg", ["-q", "--raw", file], { encoding: "utf8" }).trim();
  const scanned = k(TODAY, "scan", raw);
  assert.equal(scanned.kind, "patron");
  assert.equal(scanned.value, CARD);
});

test("H5: each refused e-mail address is said in words, then one is saved", async () => {
  await browser.url(`${base}/settings`);
  for (const [addr, words] of [["taro.@example.jp", /直前/], ["ta..ro@example.jp", /連続/], ["taro@example.jp.", /末尾/]]) {
    await browser.$("#email").setValue(addr);
    await browser.$("form[action='/settings/email'] button").click();
    // The page comes back with this address's reason (the last page's box is gone with it).
    await browser.waitUntil(async () => words.test(await browser.$(".error").getText().catch(() => "")),
      { timeoutMsg: `${addr}: no reason in words` });
    assert.equal(await browser.$("#email").getValue(), "", `${addr} was not saved`);
  }
  await shot("email-refused-360");
  await browser.$("#email").setValue("taro@example.jp");
  await browser.$("form[action='/settings/email'] button").click();
  await browser.$(".ok").waitForExist();
  assert.match(await browser.$(".ok").getText(), /メールアドレスを登録しました/);
});

test("H9: three titles put in the cart are reserved 読みたい順", async () => {
  const titles = [["1000000033", "三四郎"], ["1000000041", "草枕"], ["1000000058", "門"]];
  for (const [barcode, title] of titles) {
    k(TODAY, "item", "add", "--barcode", barcode, "--title", title, "--author", "夏目 漱石");
  }
  for (const [, title] of titles) {
    await browser.url(`${base}/search`);
    await browser.$("#q").setValue(title);
    await browser.$("form[action='/search'] button").click();
    await browser.$("form[action='/cart/add'] button").click();
    await browser.$(".ok").waitForExist();
  }
  // The reading order: 門, 三四郎, 草枕.
  await browser.$("input[name=method][value=order]").click();
  const ranks = await browser.$$("select[name^=rank-]");
  for (const [i, want] of [[0, "2"], [1, "3"], [2, "1"]]) await ranks[i].selectByAttribute("value", want);
  await shot("cart-360");
  await browser.$("form[action='/cart/reserve'] button[type=submit]").click();
  await browser.waitUntil(async () => (await browser.getUrl()).includes("/holds"));
  const text = await browser.$("main").getText();
  assert.match(text, /予約しました/);
  assert.match(text, /カートは空です/);
  const holds = k(TODAY, "hold", "list", "--card", CARD).holds;
  const order = holds.map((h) => h.title);
  assert.deepEqual(order.sort(), ["三四郎", "草枕", "門"].sort());
  assert.match(text, /前の資料を借りるまで/);
  await shot("holds-360");
});

test("C15: a hold is cancelled on the holds page", async () => {
  await browser.url(`${base}/holds`);
  const before = (await browser.$$("form[action='/holds/cancel']")).length;
  assert.ok(before > 0);
  await browser.$("form[action='/holds/cancel'] button").click();
  await browser.$(".ok").waitForExist();
  assert.match(await browser.$(".ok").getText(), /予約を取り消しました/);
  assert.match(await browser.$("main").getText(), /取消済/);
  await shot("hold-cancelled-360");
});

test("the other pages at phone width: search with its hold form, settings, then signed out: H4's words and H3's first password", async () => {
  k(TODAY, "item", "add", "--barcode", "1000000066", "--title", "それから", "--author", "夏目 漱石");
  await browser.url(`${base}/search`);
  await browser.$("#q").setValue("ｿﾚｶﾗ"); // half-width katakana finds それから
  await browser.$("form[action='/search'] button").click();
  await browser.$("form[action='/search/hold']").waitForExist();
  assert.match(await browser.$("main").getText(), /それから/);
  await shot("search-360");
  await browser.url(`${base}/settings`);
  assert.ok(await browser.$("form[action='/settings/history']").isExisting(), "the C6 consent");
  await shot("settings-360");
  await browser.$("form[action='/signout'] button").click();
  await browser.waitUntil(async () => (await browser.getUrl()).includes("/signin"));
  await browser.url(`${base}/forgot`);
  assert.match(await browser.$("main").getText(), /図書館にお電話ください/);
  await shot("forgot-360");
  await browser.url(`${base}/first-password`);
  for (const field of ["#card", "#name", "#birth"]) assert.ok(await browser.$(field).isExisting(), field);
  await shot("first-password-360");
});

test("desktop width, English, and an access log without the patron", async () => {
  // A second session without the phone's emulation, signed in with the chosen password.
  const desktop = await remote({
    hostname: "127.0.0.1",
    port: globalThis.driverPort,
    path: "/",
    logLevel: "error",
    capabilities: {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: "/usr/bin/chromium",
        args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1280,900"],
      },
    },
  });
  try {
    await desktop.url(`${base}/lang/en?back=/signin`);
    await desktop.$("#card").setValue(CARD);
    await desktop.$("#password").setValue("yama1990");
    await desktop.$("main button[type=submit]").click();
    await desktop.waitUntil(async () => (await desktop.getUrl()).endsWith("/loans"));
    assert.match(await desktop.$("h1").getText(), /My loans/);
    assert.match(await desktop.$("main").getText(), /Renewed/);
    await desktop.saveScreenshot(join(ARTIFACTS, "mypage-loans-desktop-en.png"));
  } finally {
    await desktop.deleteSession().catch(() => {});
  }
});

test("the access log names routes, never the patron", async () => {
  const log = globalThis.accessLog ?? "";
  assert.match(log, /GET \/loans 200/);
  for (const secret of [CARD, "山田", "坊っちゃん", globalThis.temporary, "Yama1990"]) {
    assert.ok(!log.includes(secret), `the access log names ${secret}`);
  }
});

// The desk app's speed and size, in its real window on the library-scale demo database
// (1,000,000 copies, 200,000 patrons, 300,000 loans, 50,000 holds):
//   - scan-to-row time (keydown of Enter to the result row in the page), p50 and p95 over 200
//     scans, checkouts and returns;
//   - the time from process start to the first focused field (sign-in), and on to the focused
//     scan field after signing in;
//   - the resident memory of the app (and of its WebKit processes) after 500 scans.

import { readFileSync, readdirSync } from "node:fs";
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { APP, NOW, ensureBuilt, kashidashi, openApp, scan, scratch, signIn, waitRow } from "./lib.mjs";
import { build } from "./fixture.mjs";

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.round((xs.length - 1) * p))];

function pidsOf(name) {
  return readdirSync("/proc").filter((d) => /^\d+$/.test(d)).filter((d) => {
    try { return readFileSync(`/proc/${d}/comm`, "utf8").trim().startsWith(name); } catch { return false; }
  }).map(Number);
}

function anonMb(pid) {
  const m = /Anonymous:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
  return m ? Number(m[1]) / 1024 : 0;
}

function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : 0;
}

/** Wall-clock start of a process, in ms since the epoch, from /proc. */
function startedAt(pid) {
  const btime = Number(/btime (\d+)/.exec(readFileSync("/proc/stat", "utf8"))[1]);
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
  return (btime + Number(fields[19]) / ticks) * 1000;
}

/** Launch the app as staff do (no WebDriver) and read its "window ready" log line: the
 * milliseconds from process start to the UI's first call, when the sign-in field takes focus. */
function directStart(home) {
  return new Promise((ok, fail) => {
    const env = {
      ...process.env,
      KASHIDASHI_LOG: "info",
      KASHIDASHI_DB: home.db,
      KASHIDASHI_NOW: NOW,
      XDG_DATA_HOME: join(home.dir, "data"),
      XDG_CACHE_HOME: join(home.dir, "cache"),
      XDG_CONFIG_HOME: join(home.dir, "config"),
    };
    const app = spawn(APP, [], { env, stdio: ["ignore", "ignore", "pipe"] });
    const timer = setTimeout(() => { app.kill("SIGKILL"); fail(new Error("no window within 20 s")); }, 20_000);
    let log = "";
    app.stderr.on("data", (d) => {
      log += d;
      const m = /window ready ms=(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        app.kill("SIGTERM");
        ok(Number(m[1]));
      }
    });
  });
}

ensureBuilt();
const home = scratch();
console.log("building the library-scale demo database…");
build(home.db, "large");
const reader = "2900000005";
kashidashi(home.db, "patron", "register", "--card", reader, "--name", "計測 用");
const free = execFileSync("python3", ["-c", `
import sqlite3; c = sqlite3.connect(${JSON.stringify(home.db)})
print("\\n".join(r[0] for r in c.execute("SELECT barcode FROM items i WHERE status='available' AND loan_type='normal' AND collection='general' AND ill=0 AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id=i.title_id) LIMIT 10")))
`], { encoding: "utf8" }).trim().split("\n");

const starts = [];
for (let i = 0; i < 6; i++) starts.push(await directStart(home));
// The first launch reads the libraries from disk; the median of the rest is a day at the desk.
const startMedian = pct(starts.slice(1), 0.5);

const app = await openApp(home);
const { browser } = app;
try {
  await browser.$("[data-testid=staff-id]").then((e) => e.waitForExist({ timeout: 20_000 }));
  const [pid] = pidsOf("kashidashi-desk");
  const signInFocusedAt = Number(await browser.execute(() => document.body.dataset.readyAt));
  const page = await browser.execute(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return { origin: performance.timeOrigin, dcl: nav ? nav.domContentLoadedEventEnd : null };
  });
  const processStart = startedAt(pid);
  const t0 = Date.now();
  const desk = await signIn(browser, "counter1", "kashidashi", 1);
  await desk.pick();
  const toScan = Number(await browser.execute(() => document.body.dataset.scanReadyAt)) - t0;

  let rows = 0;
  const checkoutMs = [];
  const returnMs = [];
  const once = async (code, what) => {
    await scan(browser, code);
    rows += 1;
    const r = await waitRow(browser, rows);
    if (r.outcome !== "ok") throw new Error(`${what} ${code}: ${r.text}`);
    return r.ms;
  };
  await once(reader, "card");
  const rssBefore = rssMb(pid);
  while (rows < 500) {
    await browser.keys(["F6"]);
    for (const b of free) checkoutMs.push(await once(b, "checkout"));
    await browser.keys(["F7"]);
    for (const b of free) returnMs.push(await once(b, "return"));
  }
  const scans = checkoutMs.slice(0, 100).concat(returnMs.slice(0, 100));
  const main = rssMb(pid);
  const web = pidsOf("WebKitWebProces").concat(pidsOf("WebKitNetworkPr")).reduce((s, p) => s + rssMb(p), 0);
  const report = {
    scans_measured: scans.length,
    scan_to_row_ms: { p50: pct(scans, 0.5), p95: pct(scans, 0.95), checkout_p50: pct(checkoutMs, 0.5), return_p50: pct(returnMs, 0.5) },
    start_ms: {
      direct_launch_median: startMedian,
      direct_launches: starts,
      via_webdriver_process_to_signin_field: Math.round(signInFocusedAt - processStart),
      process_to_page_navigation: Math.round(page.origin - processStart),
      navigation_to_dom_ready: Math.round(page.dcl),
      dom_ready_to_signin_field: Math.round(signInFocusedAt - page.origin - page.dcl),
      signin_to_scan_field: toScan,
    },
    rss_mb_after_scans: {
      scans: rows,
      app: Math.round(main),
      app_anonymous: Math.round(anonMb(pid)),
      app_growth_over_scans: Math.round(main - rssBefore),
      webkit: Math.round(web),
      total: Math.round(main + web),
    },
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await app.close();
  home.cleanup();
}

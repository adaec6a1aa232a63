// Drives the real Kashidashi window: the built app under Xvfb, through tauri-driver and
// WebKitWebDriver, on a real SQLite file.

import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import net from "node:net";
import { remote } from "webdriverio";

export const ROOT = resolve(import.meta.dirname, "../..");
export const APP = join(ROOT, "target/release/kashidashi-desktop");
export const CLI = join(ROOT, "target/release/kashidashi");
export const ARTIFACTS = join(ROOT, "tests/artifacts");
export const NOW = "2026-11-20";

export function kashidashi(db, ...args) {
  return JSON.parse(execFileSync(CLI, ["--db", db, "--json", "--now", NOW, ...args], { encoding: "utf8" }));
}

/** A scratch home for the app: database, XDG folders. */
export function scratch() {
  const dir = mkdtempSync(join(tmpdir(), "kashidashi-e2e-"));
  for (const d of ["data", "cache", "config"]) mkdirSync(join(dir, d));
  return { dir, db: join(dir, "desk.db"), cleanup: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }) };
}

function waitForPort(port, ms) {
  const deadline = Date.now() + ms;
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

function freePort() {
  return new Promise((ok) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Start tauri-driver with the app's environment and open a session on the app. `db: null`
 * starts it as on a new PC, with no KASHIDASHI_DB: it asks which library to work on. */
export async function openApp(home, { db = home.db } = {}) {
  const port = await freePort();
  const nativePort = await freePort();
  const env = {
    ...process.env,
    ...(db === null ? {} : { KASHIDASHI_DB: db }),
    KASHIDASHI_NOW: NOW,
    XDG_DATA_HOME: join(home.dir, "data"),
    XDG_CACHE_HOME: join(home.dir, "cache"),
    XDG_CONFIG_HOME: join(home.dir, "config"),
    // The scratch home's own password file (none unless a test writes one), not the user's.
    PGPASSFILE: join(home.dir, "pgpass"),
  };
  if (db === null) delete env.KASHIDASHI_DB;
  const driverBin = process.env.TAURI_DRIVER ?? "tauri-driver";
  const driver = spawn(driverBin, ["--port", String(port), "--native-port", String(nativePort)], { env, stdio: ["ignore", "inherit", "inherit"] });
  // tauri-driver listens before the WebKitWebDriver it starts does; a session asked for in
  // between is refused, so wait for both.
  let requested;
  let browser;
  try {
    await waitForPort(port, 15_000);
    await waitForPort(nativePort, 15_000);
    requested = Date.now();
    browser = await remote({
      hostname: "127.0.0.1",
      port,
      logLevel: "error",
      connectionRetryCount: 0,
      capabilities: {
        browserName: "wry",
        "tauri:options": { application: APP },
        "wdio:enforceWebDriverClassic": true,
      },
    });
  } catch (e) {
    // A driver left running would keep the test process alive after the failure.
    driver.kill("SIGTERM");
    throw e;
  }
  return {
    browser,
    requested,
    async close() {
      try { await browser.deleteSession(); } catch { /* the window may already be gone */ }
      driver.kill("SIGTERM");
      await appGone(home.dir);
    },
  };
}

/** The app processes started with this scratch home (found by their environment). */
function appProcesses(dir) {
  const mark = `XDG_CACHE_HOME=${join(dir, "cache")}\0`;
  return readdirSync("/proc").filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, "latin1").includes(mark);
    } catch {
      return false;
    }
  });
}

/** A closed session's app can outlive its driver for a moment: wait for it (ending it after five
 * seconds), so that the next start or the scratch home's removal does not race it. */
async function appGone(dir) {
  for (let i = 0; i < 50 && appProcesses(dir).length > 0; i++) await new Promise((ok) => setTimeout(ok, 100));
  for (const pid of appProcesses(dir)) {
    try { process.kill(Number(pid), "SIGTERM"); } catch { /* gone meanwhile */ }
  }
}

export async function shot(browser, name) {
  mkdirSync(dirname(join(ARTIFACTS, name)), { recursive: true });
  await browser.saveScreenshot(join(ARTIFACTS, `${name}.png`));
}

/** Type into the scan field as a scanner does: every character in one burst, then Enter
 * (WebDriver's Element Send Keys; key actions would merge repeated digits). */
export async function scan(browser, code) {
  const el = await browser.$("[data-testid=scan]");
  await el.waitForExist({ timeout: 5000 });
  await el.addValue(`${code}\uE007`);
}

export async function signIn(browser, id, password, deskIndex = 1) {
  const staff = await browser.$("[data-testid=staff-id]");
  await staff.waitForExist({ timeout: 20_000 });
  await staff.setValue(id);
  await (await browser.$("[data-testid=staff-password]")).setValue(password);
  await browser.keys(["Enter"]);
  const desks = await browser.$("[data-testid=desks]");
  await desks.waitForExist({ timeout: 10_000 });
  return {
    async pick() {
      await browser.keys([String(deskIndex)]);
      await (await browser.$("[data-testid=scan]")).waitForExist({ timeout: 10_000 });
    },
  };
}

/** F12 asks first (the session log goes with the session); Ctrl+Enter says yes. */
export async function signOut(browser) {
  await browser.keys(["F12"]);
  const ask = await browser.$("[data-testid=sign-out-dialog]");
  await ask.waitForExist({ timeout: 5000 });
  await browser.keys(["Control", "Enter"]);
  await browser.keys(["Control"]);
}

export function activeId(browser) {
  return browser.execute(() => document.activeElement?.id || document.activeElement?.getAttribute("data-testid") || null);
}

/** How many result rows this circulation screen has made (rows of a patron before are folded
 * away, so this counts by the rows' sequence numbers, not by what is in view). */
export function rowCount(browser) {
  return browser.execute(() => Number(document.querySelector("[data-testid=results] tr[data-seq]")?.dataset.seq ?? 0));
}

/** The newest result row once there are `n` rows. */
export async function waitRow(browser, n) {
  await browser.waitUntil(async () => (await rowCount(browser)) >= n, { timeout: 10_000, interval: 20 });
  return browser.execute(() => {
    const r = document.querySelector("[data-testid=results] tr[data-seq]");
    return { outcome: r.dataset.outcome, code: r.dataset.code, text: r.textContent, ms: Number(r.dataset.elapsedMs) };
  });
}

/** The element with focus is inside the open dialog. */
export function focusInDialog(browser) {
  return browser.execute(() => Boolean(document.activeElement?.closest("[role=dialog]")));
}

/** The loans of the patron panel in their order, and the selected one. */
export function panelLoans(browser) {
  return browser.execute(() => ({
    items: [...document.querySelectorAll("[data-testid=loans] tr[data-item]")].map((r) => r.dataset.item),
    selected: document.querySelector("[data-testid=loans] tr.selected")?.dataset.item ?? null,
  }));
}

/** What a 1024-wide window must not show (issue 11, defect 6): a page or a screen that scrolls
 * sideways, or text squeezed into a column about one character wide. */
export function layoutProblems(browser) {
  return browser.execute(() => {
    const problems = [];
    const page = document.scrollingElement;
    if (page.scrollWidth > window.innerWidth + 1) problems.push(`the page scrolls sideways (${page.scrollWidth} > ${window.innerWidth})`);
    for (const el of document.querySelectorAll(".screen, .screen *")) {
      const overflow = getComputedStyle(el).overflowX;
      if ((overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`${el.tagName.toLowerCase()}.${el.className} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    for (const table of document.querySelectorAll(".screen table")) {
      const parent = table.parentElement;
      if (table.offsetWidth > parent.clientWidth + 1) problems.push(`a table in ${parent.tagName.toLowerCase()}.${parent.className} is wider than it (${table.offsetWidth} > ${parent.clientWidth})`);
    }
    // A title squeezed beside wide neighbours wraps every few characters.
    for (const td of document.querySelectorAll(".screen td.title")) {
      const w = td.getBoundingClientRect().width;
      const em = parseFloat(getComputedStyle(td).fontSize);
      if (w > 0 && td.textContent.trim().length > 6 && w < 6 * em) problems.push(`the title "${td.textContent.trim().slice(0, 16)}" is ${Math.round(w)}px wide`);
    }
    for (const el of document.querySelectorAll(".screen :is(td, th, li, label, button, p, h2, h3, span, div)")) {
      const text = el.textContent.trim();
      const r = el.getBoundingClientRect();
      if (text.length < 3 || r.width === 0) continue;
      const em = parseFloat(getComputedStyle(el).fontSize);
      if (r.width < 2.2 * em && r.height > 2.5 * em) problems.push(`${el.tagName.toLowerCase()}.${el.className} "${text.slice(0, 16)}" is ${Math.round(r.width)}px wide`);
    }
    return problems;
  });
}

export function ensureBuilt() {
  for (const f of [APP, CLI]) if (!existsSync(f)) throw new Error(`${f} is missing: build first (scripts/install.sh)`);
}

/** A saved PDF's text (pdftotext) and the barcodes zbar reads from its first page at 150 dpi. */
export function readPdf(path) {
  const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
  const dir = mkdtempSync(join(tmpdir(), "kashidashi-pdf-"));
  try {
    execFileSync("pdftoppm", ["-r", "150", "-png", "-f", "1", "-l", "1", path, join(dir, "page")]);
    const png = readdirSync(dir).find((f) => f.endsWith(".png"));
    let codes = [];
    try {
      codes = execFileSync("zbarimg", ["-q", join(dir, png)], { encoding: "utf8" }).trim().split("\n");
    } catch {
      codes = [];
    }
    return { text, codes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

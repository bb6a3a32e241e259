// The desktop end-to-end harness: starts the real Landfall binary through tauri-driver (which drives
// WebKitWebDriver) on a fresh data folder, runs a suite's tests in one session, and the helpers they
// share (views, typing, screenshots).

import { execFileSync, spawn } from "node:child_process";
import { createConnection } from "node:net";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { remote } from "webdriverio";

export const root = resolve(import.meta.dirname, "../..");
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, "target");
export const application = process.env.LANDFALL_APP ?? join(targetDir, "debug/landfall-desktop");
export const build = application.includes("/release/") ? "release" : "debug";
export const screenshots = join(root, "target/e2e");
const tauriDriver = process.env.TAURI_DRIVER ?? join(process.env.HOME ?? "", ".cargo/bin/tauri-driver");
const port = Number(process.env.TAURI_DRIVER_PORT ?? 4444);
// Two suites on one machine (two checkouts) need their own pair of ports.
const nativePort = Number(process.env.TAURI_DRIVER_NATIVE_PORT ?? port + 1);

mkdirSync(screenshots, { recursive: true });

// A plain TCP probe: asking tauri-driver for /status before its native driver is up makes it log errors.
function listening() {
  return new Promise((done) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => {
      socket.end();
      done(true);
    });
    socket.on("error", () => done(false));
  });
}

async function waitForDriver() {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await listening()) return;
    await sleep(100);
  }
  throw new Error(`tauri-driver did not listen on port ${port}`);
}

// The X server's own picture of the screen: WebKitWebDriver's screenshot endpoint can stall under
// Xvfb without compositing, and a stalled request takes the session down with it.
export function screenshot(name) {
  execFileSync("import", ["-window", "root", join(screenshots, `${name}.png`)]);
}

// Resident memory of the app and its web process, from /proc (Linux).
export function residentMemory() {
  const rss = (pattern) =>
    execFileSync("ps", ["-C", pattern, "-o", "rss="], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .reduce((sum, kb) => sum + Number(kb), 0);
  try {
    return `app ${Math.round(rss("landfall-deskto") / 1024)} MB, web view ${Math.round(rss("WebKitWebProces") / 1024)} MB`;
  } catch {
    return "not measurable here (no ps)";
  }
}

export async function textOf(browser, selector) {
  const element = await browser.$(selector);
  await element.waitForDisplayed({ timeout: 15000 });
  return element.getText();
}

export async function openView(browser, view) {
  await (await browser.$(`button[data-view="${view}"]`)).click();
  await (await browser.$(`[data-testid="view-${view}"]`)).waitForExist({ timeout: 10000 });
}

// Sets a React-controlled input the way typing does (WebKitWebDriver cannot type into date inputs).
export async function setInput(browser, selector, value) {
  await browser.execute(
    (css, text) => {
      const input = document.querySelector(css);
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
      setter.call(input, text);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    },
    selector,
    value,
  );
}

// Chooses an option of a React-controlled select without opening it: WebKitGTK's open list is a
// native popup that swallows the next click.
export async function setSelect(browser, selector, value) {
  await (await browser.$(selector)).waitForExist({ timeout: 15000 });
  await browser.execute(
    (css, option) => {
      const select = document.querySelector(css);
      const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set;
      setter.call(select, option);
      select.dispatchEvent(new Event("change", { bubbles: true }));
    },
    selector,
    value,
  );
}

// Types into an in-place cell and commits it with Enter (the cell saves on blur).
export async function editCell(browser, selector, value) {
  const input = await browser.$(selector);
  await input.waitForDisplayed({ timeout: 10000 });
  await input.click();
  await input.clearValue();
  await input.setValue(value);
  await browser.keys("Enter");
}

export async function waitForText(browser, selector, expected, message) {
  let last = "";
  await browser.waitUntil(
    async () => {
      last = await textOf(browser, selector);
      return last === expected;
    },
    { timeout: 20000, timeoutMsg: `${message}: "${last}" instead of "${expected}"` },
  );
}

/**
 * Runs `tests` (`{ name, body(browser) }`) in one session of the app on `dataDir`, with `env` added to
 * the app's environment, after `ready(browser, started)`; the data folder is removed afterwards.
 * Prints one line per test and returns the counts.
 */
export async function runSuite({ name, tests, dataDir, env = {}, ready }) {
  const driver = spawn(tauriDriver, ["--port", String(port), "--native-port", String(nativePort)], {
    // Fresh XDG folders: the web view's storage (language, guide) and the saved window size start
    // empty, as for a new user, whatever an earlier run left behind.
    env: {
      ...process.env,
      LANDFALL_DB: join(dataDir, "landfall.sqlite3"),
      XDG_DATA_HOME: join(dataDir, "xdg-data"),
      XDG_CONFIG_HOME: join(dataDir, "xdg-config"),
      XDG_CACHE_HOME: join(dataDir, "xdg-cache"),
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise((done) => driver.on("exit", done));
  let passed = 0;
  let failed = 0;
  let browser;
  try {
    await waitForDriver();
    const started = Date.now();
    browser = await remote({
      hostname: "127.0.0.1",
      port,
      logLevel: "error",
      connectionRetryTimeout: 60000,
      capabilities: {
        "tauri:options": { application },
        "wdio:enforceWebDriverClassic": true,
      },
    });
    console.log(`e2e ${name}: session started in ${Date.now() - started} ms`);
    await ready(browser, started);
    // E2E_ONLY=words runs only the tests whose name holds them (while working on one test).
    const only = process.env.E2E_ONLY;
    for (const { name: testName, body } of tests) {
      if (only && !testName.includes(only)) continue;
      try {
        await body(browser);
        passed += 1;
        console.log(`ok - ${testName}`);
      } catch (error) {
        failed += 1;
        console.log(`FAIL - ${testName}: ${error instanceof Error ? error.message : error}`);
        // The window as the failure left it, to read beside the message.
        screenshot(`failed-${name}-${failed}`);
      }
    }
  } catch (error) {
    failed += tests.length - passed;
    console.log(`FAIL - ${name} session: ${error instanceof Error ? error.message : error}`);
  } finally {
    if (browser) await browser.deleteSession().catch(() => {});
    driver.kill("SIGTERM");
    // The next suite needs the ports back.
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { passed, failed };
}

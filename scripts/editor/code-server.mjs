// The VS Code half of `npm run test:editor`: code-server 4.100.3 (VS Code 1.100.3) on 127.0.0.1 with the VSIX
// installed, Debian's Chromium driven by playwright-core. Phase 1 runs the mocha suite (out/test/editor/) inside the
// extension host through the `payload` URL and reads its JSON results from a file; phase 2 opens the workspace as a
// user would and checks the workbench DOM (Problems panel, hover, article preview), with screenshots.
import { createWriteStream, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  ARTIFACTS, CODE_SERVER_ENTRY, TESTS_ENTRY, VSIX, freePort, killTree, log, privateEnv, run, sleep, startProcess, trackPid,
  untrackPid, waitFor,
} from './lib.mjs';

const CHROMIUM = process.env.NETADVISOR_CHROMIUM || '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = 4 * 60_000;

function httpOk(url) {
  return new Promise((resolve) => {
    const req = get(url, { timeout: 2000 }, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

/** First `## ` heading of the article as bundled in the installed extension (what the preview must render). */
function articleHeading(extensionsDir, id) {
  const ext = readdirSync(extensionsDir).find((n) => n.startsWith('netadvisor.netadvisor-'));
  if (!ext) throw new Error(`the VSIX is not installed in ${extensionsDir}`);
  const text = readFileSync(join(extensionsDir, ext, 'knowledge', 'articles', `${id}.md`), 'utf8');
  const heading = /^##\s+(.+)$/m.exec(text)?.[1]?.trim();
  if (!heading) throw new Error(`article ${id} has no ## heading`);
  return heading;
}

async function screenshot(page, name) {
  const file = join(ARTIFACTS, name);
  try {
    await page.screenshot({ path: file, timeout: 15_000 });
    return file;
  } catch (err) {
    log(`screenshot ${name} failed: ${err.message}`);
    return undefined;
  }
}

/** Runs one workbench check; a failure is recorded (with a screenshot) and the next check still runs. */
async function check(results, page, title, body) {
  const startedAt = Date.now();
  try {
    await body();
    results.push({ title, state: 'passed', durationMs: Date.now() - startedAt });
  } catch (err) {
    const shot = await screenshot(page, `failed-${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    results.push({ title, state: 'failed', durationMs: Date.now() - startedAt, error: `${err.message}${shot ? ` (screenshot: ${shot})` : ''}` });
  }
}

async function quickInput(page, text, rowText) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(text, { delay: 10 });
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: rowText }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
}

async function openFileWithQuickOpen(page, name, expectText) {
  await page.locator('.monaco-workbench').click({ position: { x: 600, y: 400 }, timeout: 10_000 }).catch(() => undefined);
  await page.keyboard.press('Control+P');
  await quickInput(page, name, name);
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.locator('.editor-instance .view-lines', { hasText: expectText }).first().waitFor({ state: 'visible', timeout: 15_000 });
}

/** Phase 2: what a user sees, checked in the DOM and captured as screenshots. */
async function workbenchChecks(browser, baseUrl, dirs) {
  const results = [];
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.setDefaultTimeout(20_000);
  try {
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(dirs.workspace)}`, { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });

    await check(results, page, 'Problems panel lists the findings of the open Swift file', async () => {
      await openFileWithQuickOpen(page, 'ChatRoom.swift', 'MultipeerConnectivity');
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('.markers-panel');
      await panel.waitFor({ state: 'visible', timeout: 15_000 });
      await waitFor('both findings in the Problems panel', async () => {
        const text = await panel.innerText();
        return text.includes('mpc-framework-use') && text.includes('mpc-encryption-optional')
          && text.includes('Multipeer Connectivity is deprecated') && text.includes('netadvisor');
      }, 60_000, 500);
      await sleep(500);
      await screenshot(page, 'problems-panel.png');
    });

    await check(results, page, 'hovering MCSession shows the NetAdvisor card', async () => {
      const token = page.locator('.editor-instance .view-lines span', { hasText: /^MCSession$/ }).first();
      await token.waitFor({ state: 'visible', timeout: 15_000 });
      const hover = page.locator('.monaco-hover .hover-contents', { hasText: /MCSession/ }).first();
      await page.mouse.move(0, 0);
      await token.hover();
      try {
        await hover.waitFor({ state: 'visible', timeout: 10_000 });
      } catch {
        // Mouse hovers can be swallowed by a moving layout: ask for the hover from the keyboard instead.
        await token.click();
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        await hover.waitFor({ state: 'visible', timeout: 15_000 });
      }
      // The card links to its article (a command link our extension trusts).
      await hover.locator('a').first().waitFor({ state: 'visible', timeout: 5_000 });
      await sleep(300);
      await screenshot(page, 'hover.png');
    });

    await check(results, page, 'NetAdvisor: Open Article renders the article in the Markdown preview', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await quickInput(page, 'NetAdvisor: Open Article', 'NetAdvisor: Open Article');
      await quickInput(page, 'mpc-framework-use', 'mpc-framework-use');
      await page.locator('.tabs-container .tab', { hasText: 'Preview mpc-framework-use.md' }).first().waitFor({ state: 'visible', timeout: 20_000 });
      const heading = articleHeading(dirs.extensions, 'mpc-framework-use');
      await waitFor(`the preview webview to render "${heading}"`, async () => {
        for (const frame of page.frames()) {
          const text = await frame.locator('body').innerText({ timeout: 1000 }).catch(() => '');
          if (text.includes(heading)) return true;
        }
        return false;
      }, 30_000, 500);
      await sleep(500);
      await screenshot(page, 'article.png');
    });
  } finally {
    await page.close().catch(() => undefined);
  }
  return results;
}

export async function runCodeServerSuite(dirs) {
  if (!existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server is not installed (${CODE_SERVER_ENTRY})`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = privateEnv(dirs.home, { NETADVISOR_EDITOR_RESULTS: dirs.results });
  const common = ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];

  const { stdout } = await run(process.execPath, [CODE_SERVER_ENTRY, ...common, '--install-extension', VSIX], {
    env, timeoutMs: 120_000, capture: true, label: 'code-server --install-extension',
  });
  if (!/successfully installed/i.test(stdout)) throw new Error(`--install-extension did not report success:\n${stdout}`);
  log(`installed ${VSIX} into ${dirs.extensions}`);

  const serverLog = createWriteStream(join(ARTIFACTS, 'code-server.log'));
  const server = startProcess(process.execPath, [CODE_SERVER_ENTRY, ...common, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', '--auth', 'none', dirs.workspace],
    { env, cwd: dirs.workspace });
  server.stdout.pipe(serverLog, { end: false });
  server.stderr.pipe(serverLog, { end: false });
  let serverExited = null;
  server.on('exit', (code, signal) => { serverExited = code ?? signal; });

  let browserServer;
  let browser;
  const outcome = { suite: undefined, workbench: [], error: undefined };
  try {
    await waitFor(`code-server on ${baseUrl}`, async () => {
      if (serverExited !== null) throw new Error(`code-server exited (${serverExited}); see ${join(ARTIFACTS, 'code-server.log')}`);
      return httpOk(`${baseUrl}/healthz`);
    }, 60_000, 250);
    log(`code-server (pid ${server.pid}) listening on ${baseUrl}`);

    browserServer = await chromium.launchServer({
      executablePath: CHROMIUM,
      headless: true,
      env: privateEnv(dirs.home),
      timeout: 60_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
    });
    const browserPid = browserServer.process().pid;
    trackPid(browserPid);
    browser = await chromium.connect(browserServer.wsEndpoint(), { timeout: 30_000 });
    log(`chromium (pid ${browserPid}) connected`);

    // Phase 1: the mocha suite in the extension host. The stub harness is the "extension under development"; the
    // extension under test is the installed VSIX.
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(dirs.harness)], ['extensionTestsPath', remote(TESTS_ENTRY)]]);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const consoleLog = createWriteStream(join(ARTIFACTS, 'browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
    const started = Date.now();
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(payload)}`, { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    log('workbench loaded; mocha suite running in the extension host');
    outcome.suite = await waitFor('the suite results (written by out/test/editor/index.js)', () => {
      if (serverExited !== null) throw new Error(`code-server exited (${serverExited}) during the suite`);
      return existsSync(dirs.results) ? JSON.parse(readFileSync(dirs.results, 'utf8')) : undefined;
    }, SUITE_TIMEOUT_MS, 500).catch(async (err) => {
      await screenshot(page, 'suite-timeout.png');
      throw err;
    });
    log(`suite finished in ${Math.round((Date.now() - started) / 1000)} s`);
    await screenshot(page, 'extension-host.png');
    await page.close().catch(() => undefined);

    // Phase 2: the workbench as a user sees it.
    outcome.workbench = await workbenchChecks(browser, baseUrl, dirs);
  } catch (err) {
    outcome.error = err.message;
  } finally {
    await browser?.close().catch(() => undefined);
    if (browserServer) {
      const pid = browserServer.process().pid;
      await Promise.race([browserServer.close().catch(() => undefined), sleep(5000)]);
      await killTree(pid, 2000);
      untrackPid(pid);
    }
    await killTree(server.pid, 5000);
    serverLog.end();
    // The workbench and extension host logs help when something failed.
    const logs = join(dirs.userData, 'logs');
    if (existsSync(logs)) cpSync(logs, join(ARTIFACTS, 'code-server-logs'), { recursive: true });
  }
  return outcome;
}

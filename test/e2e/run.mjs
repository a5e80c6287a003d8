// Runs the tests inside a real VS Code: code-server 4.100.3 (VS Code 1.100.3, installed by
// scripts/setup-e2e.sh into .vscode-test/code-server) driven by Debian's Chromium via playwright-core.
//
//   node test/e2e/run.mjs [--ui] [--vsix[=FILE]] [--web] [--no-suite] [--no-build] [--keep] [--timeout=SECONDS]
//
// 1. Builds the extension (scripts/build.mjs; not with CALLFLOW_BUILT=1, set by scripts/test.mjs after its
//    build) and the extension-host suite (test/e2e/build-suite.mjs).
// 2. Starts code-server detached (own process group) on a free loopback port with private config,
//    user-data and extensions dirs, and a copy of test/e2e/workspace/ as the folder.
// 3. Extension-host suite: opens the workbench with the `payload` query (extensionDevelopmentPath =
//    project root, extensionTestsPath = out/e2e/suite/index); the suite (mocha, in the extension host)
//    writes its results to $CALLFLOW_E2E_RESULTS; the workbench calls `codeAutomationExit(code)`.
// 4. With --ui: each test/e2e/ui/*.ui.mjs (playwright driving the workbench, extension loaded from
//    the project in development mode) runs against a fresh copy of the workspace.
//    With --vsix the UI tests use the packaged extension instead: `npm run package` builds
//    out/callflow-studio.vsix (or --vsix=FILE names one) and `code-server --install-extension` installs
//    it into the private extensions dir before the server starts; a failed install is a failed test.
// With --web the extension runs its browser build in the web worker extension host (user setting
// `remote.extensionKind`: web) and the suite is test/e2e/web-suite (out/e2e/web-suite/index), which writes
// its results into the workspace folder (the worker has no environment or file system of its own).
// Prints one line per test; with CALLFLOW_TEST_SUMMARY writes {"passed":N,"failed":N} there, otherwise
// ends with `N passed, N failed`. Exits non-zero on any failure. code-server's process group and
// Chromium are ended on every path (success, failure, timeout, SIGINT/SIGTERM).
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CODE_SERVER = join(ROOT, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CALLFLOW_CHROMIUM ?? '/usr/bin/chromium';
const web = process.argv.includes('--web');
// .js, resolved by the extension host's loader
const SUITE_INDEX = join(ROOT, web ? 'out/e2e/web-suite/index' : 'out/e2e/suite/index');
const WEB_RESULTS_FILE = '.callflow-web-results.json'; // in the workspace folder (test/e2e/web-suite/index.ts)
// --web --ui: the UI tests that hold in the browser build (the flow diff draws no picture there); their
// screenshots go to test-results/web/ (ui-helpers.mjs reads CALLFLOW_UI_RESULTS when it loads).
const WEB_UI_TESTS = ['smoke', 'scenario', 'rehearsal'];
if (web) process.env.CALLFLOW_UI_RESULTS = join(ROOT, 'test-results/web');
const WORKSPACE_TEMPLATE = join(ROOT, 'test/e2e/workspace');
const UI_DIR = join(ROOT, 'test/e2e/ui');
const RESULTS_DIR = join(ROOT, 'test-results');

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const timeoutArg = args.find((a) => a.startsWith('--timeout='));
// UI tests load the workbench once per test (tens of seconds on a busy 2-core machine): more time.
const TIMEOUT_S = Number(
  timeoutArg?.split('=')[1] ?? process.env.CALLFLOW_E2E_TIMEOUT ?? (args.includes('--ui') ? 900 : 300),
);
const runUi = flag('ui');
const runSuite = !flag('no-suite');
const keep = flag('keep');
const vsixArg = args.find((a) => a === '--vsix' || a.startsWith('--vsix='));
const VSIX = vsixArg?.includes('=')
  ? resolve(vsixArg.slice('--vsix='.length))
  : join(ROOT, 'out/callflow-studio.vsix');
let vsixInstalled = false;

const log = (s = '') => process.stdout.write(`${s}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const secs = (from = t0) => ((Date.now() - from) / 1000).toFixed(1);

/** @type {{ title: string, state: 'passed' | 'failed' | 'pending', durationMs?: number, error?: string }[]} */
const results = [];
let server; // ChildProcess of code-server (leader of its own process group)
let context; // playwright BrowserContext (persistent: owns the Chromium process)
let launching; // the promise of `context` while Chromium starts
let runDir;
let finished = false;
let interrupted = false;

// ---------------------------------------------------------------------------------------------------
function killServerGroup(signal) {
  if (!server?.pid) return;
  try {
    process.kill(-server.pid, signal);
  } catch {
    /* already gone */
  }
}
function groupAlive() {
  if (!server?.pid) return false;
  try {
    process.kill(-server.pid, 0);
    return true;
  } catch {
    return false;
  }
}
let cleaning;
/** Ends Chromium and code-server's whole process group, removes the run dir; safe to call often. */
function cleanup() {
  cleaning ??= (async () => {
    if (!context && launching) context = await Promise.race([launching.catch(() => undefined), sleep(15000)]);
    if (context) {
      const c = context;
      context = undefined;
      await Promise.race([c.close().catch(() => {}), sleep(5000)]);
    }
    if (server?.pid) {
      killServerGroup('SIGTERM');
      for (let i = 0; i < 30 && groupAlive(); i++) await sleep(100);
      if (groupAlive()) killServerGroup('SIGKILL');
      server = undefined; // its pgid may be reused later
    }
    if (runDir && !keep) {
      try {
        rmSync(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch (e) {
        log(`(could not remove ${runDir}: ${e.message})`);
      }
    }
  })();
  return cleaning;
}
process.on('uncaughtException', async (e) => {
  if (finished || interrupted) return; // late noise from a closing browser connection
  finish({ title: 'e2e harness', error: String(e.stack ?? e) });
  saveLogs();
  await cleanup();
  process.exit(1);
});
// Last resort if something exits synchronously: no async work possible here.
process.on('exit', () => killServerGroup('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    if (interrupted) return;
    interrupted = true;
    log(`\n✗ interrupted (${sig}): stopping code-server and Chromium`);
    finish({ title: 'e2e run', error: `interrupted by ${sig}` });
    saveLogs();
    await cleanup();
    process.exit(130);
  });
}

function finish(extraFailure) {
  if (finished) return 1;
  finished = true;
  if (extraFailure) {
    results.push({ title: extraFailure.title, state: 'failed', error: extraFailure.error });
    printResult(results.at(-1));
  }
  if (results.length === 0) results.push({ title: 'e2e run', state: 'failed', error: 'ran no test' });
  const passed = results.filter((r) => r.state === 'passed').length;
  const failed = results.filter((r) => r.state === 'failed').length;
  const summaryFile = process.env.CALLFLOW_TEST_SUMMARY;
  log(`\nVS Code e2e finished in ${secs()} s`);
  if (summaryFile) {
    writeFileSync(summaryFile, JSON.stringify({ passed, failed }));
    log(`VS Code e2e — ${passed} passed, ${failed} failed`);
  } else {
    log(`${passed} passed, ${failed} failed`);
  }
  return failed === 0 ? 0 : 1;
}

function printResult(r) {
  const mark = r.state === 'passed' ? '✓' : r.state === 'failed' ? '✗' : '-';
  const dur = r.durationMs !== undefined ? ` (${r.durationMs} ms)` : '';
  log(`  ${mark} ${r.title}${dur}`);
  if (r.error) log(r.error.replace(/^/gm, '      '));
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitForServer(base, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let lastErr = 'no answer';
  while (Date.now() < until) {
    if (server.exitCode !== null || server.signalCode !== null)
      throw new Error(
        `code-server exited early (${server.exitCode ?? server.signalCode}); see ${runDir}/server.log`,
      );
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
      lastErr = `HTTP ${r.status}`;
    } catch (e) {
      lastErr = e.cause?.code ?? e.message;
    }
    await sleep(150);
  }
  throw new Error(`code-server did not answer on ${base} within ${timeoutMs / 1000} s (${lastErr})`);
}

function copyWorkspace(name) {
  const ws = join(runDir, name);
  cpSync(WORKSPACE_TEMPLATE, ws, { recursive: true });
  return ws;
}

// The extension's bundles are built once per test run: scripts/test.mjs builds them before any suite and
// sets CALLFLOW_BUILT=1, so only the extension-host suite is built here then.
function build() {
  const extension = process.env.CALLFLOW_BUILT === '1' ? [] : [['extension', 'scripts/build.mjs']];
  const suite = web
    ? ['web extension-host suite', 'test/e2e/build-web-suite.mjs']
    : ['extension-host suite', 'test/e2e/build-suite.mjs'];
  for (const [label, script] of [...extension, suite]) {
    const r = spawnSync(process.execPath, [join(ROOT, script)], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`build of the ${label} failed (${script})`);
  }
}

// ---------------------------------------------------------------------------------------------------
async function runExtensionHostSuite(base, port) {
  const ws = copyWorkspace('workspace-suite');
  const resultsFile = web ? join(ws, WEB_RESULTS_FILE) : join(runDir, 'suite-results.json');
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(SUITE_INDEX)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  // The server got CALLFLOW_E2E_RESULTS=<runDir>/suite-results.json in its environment.
  rmSync(resultsFile, { force: true });
  const page = await context.newPage();
  wirePageLogs(page, 'suite');
  let exitCode;
  let onExit;
  const exited = new Promise((res) => (onExit = res));
  // The workbench calls window.codeAutomationExit(code) when the extension host's test run ends.
  await page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = code;
    onExit(code);
  });
  const t = Date.now();
  log(
    web
      ? `▶ extension-host suite in the web worker host (out/e2e/web-suite) in VS Code ${vscodeVersion()}`
      : `▶ extension-host suite (out/e2e/suite) in VS Code ${vscodeVersion()}`,
  );
  await page.goto(
    `${base}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
  );
  await exited;
  log(`  extension host exited with code ${exitCode} after ${secs(t)} s`);
  await page.close().catch(() => {});
  if (!existsSync(resultsFile)) {
    results.push({
      title: 'extension-host suite',
      state: 'failed',
      error: `the suite wrote no results (exit code ${exitCode}); see ${logHint()}`,
    });
    printResult(results.at(-1));
    return;
  }
  const data = JSON.parse(readFileSync(resultsFile, 'utf8'));
  for (const r of data.tests ?? []) {
    results.push(r);
    printResult(r);
  }
  if (data.error) {
    const r = { title: 'extension-host suite (load)', state: 'failed', error: data.error };
    results.push(r);
    printResult(r);
  }
  if (exitCode !== 0 && !(data.tests ?? []).some((r) => r.state === 'failed') && !data.error) {
    const r = {
      title: 'extension-host suite',
      state: 'failed',
      error: `extension host exit code ${exitCode}`,
    };
    results.push(r);
    printResult(r);
  }
}

async function runUiTests(base, port) {
  const files = existsSync(UI_DIR)
    ? readdirSync(UI_DIR)
        .filter((f) => f.endsWith('.ui.mjs'))
        .filter((f) => !web || WEB_UI_TESTS.includes(f.replace(/\.ui\.mjs$/, '')))
        .sort()
    : [];
  if (vsixArg && !vsixInstalled) {
    log('▶ UI tests skipped: the VSIX is not installed');
    return;
  }
  log(
    `▶ UI tests (test/e2e/ui, ${files.length} file${files.length === 1 ? '' : 's'}, ` +
      `${vsixInstalled ? 'extension installed from the VSIX' : 'extension in development mode'})`,
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  const helpers = await import(pathToFileURL(join(ROOT, 'test/e2e/ui-helpers.mjs')).href);
  let n = 0;
  for (const file of files) {
    const mod = await import(pathToFileURL(join(UI_DIR, file)).href);
    const tests = [mod.default].flat().filter(Boolean);
    for (const test of tests) {
      const title = `${file.replace(/\.ui\.mjs$/, '')}: ${test.name}`;
      const ws = copyWorkspace(`workspace-ui-${++n}`);
      const page = await context.newPage();
      wirePageLogs(page, `ui-${n}`);
      const url = helpers.workbenchUrl(base, port, {
        folder: ws,
        extensionDevelopmentPath: vsixInstalled ? undefined : ROOT,
      });
      const t = Date.now();
      try {
        await test.run({
          page,
          base,
          port,
          url,
          workspace: ws,
          root: ROOT,
          resultsDir: RESULTS_DIR,
          helpers,
          vsix: vsixInstalled ? VSIX : undefined,
        });
        results.push({ title, state: 'passed', durationMs: Date.now() - t });
      } catch (e) {
        const shot = join(RESULTS_DIR, `FAILED-${title.replace(/[^\w.-]+/g, '_')}.png`);
        await page.screenshot({ path: shot }).catch(() => {});
        results.push({
          title,
          state: 'failed',
          durationMs: Date.now() - t,
          error: `${e.stack ?? e}\n(screenshot: ${shot})`,
        });
      }
      printResult(results.at(-1));
      await page.close().catch(() => {});
    }
  }
}

/**
 * Packages the extension (unless --vsix=FILE names a VSIX) and installs it into the private extensions
 * dir with code-server's own CLI, as a user would. Counted as one test.
 */
function installVsix(cliArgs, env) {
  const t = Date.now();
  const title = `install the VSIX (${relative(ROOT, VSIX) || VSIX})`;
  const fail = (error) => {
    results.push({ title, state: 'failed', durationMs: Date.now() - t, error });
    printResult(results.at(-1));
  };
  if (!vsixArg.includes('=')) {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--out', VSIX], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    if (r.status !== 0) return fail(`npm run package failed:\n${r.stdout}${r.stderr}`);
  }
  if (!existsSync(VSIX)) return fail(`no VSIX at ${VSIX}`);
  const r = spawnSync(process.execPath, [CODE_SERVER, ...cliArgs, '--install-extension', VSIX], {
    cwd: runDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0 || !/successfully installed/i.test(output))
    return fail(`code-server --install-extension failed (exit ${r.status ?? r.signal}):\n${output}`);
  // What was installed: the bundles and docs, no sources, tests, node_modules, source maps or CLI.
  const extDir = join(runDir, 'extensions');
  const installed = readdirSync(extDir).find((d) => d.startsWith('callflow-studio.callflow-studio-'));
  if (!installed) return fail(`no callflow-studio.callflow-studio-* in ${extDir}`);
  const files = readdirSync(join(extDir, installed), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(join(extDir, installed), join(d.parentPath, d.name)).replace(/\\/g, '/'));
  const required = [
    'package.json',
    'dist/client.js',
    'dist/server.js',
    'dist/layout-worker.js',
    'dist/web.js',
    'dist/server-web.js',
    'dist/webview.js',
    'dist/rehearsal.js',
    'dist/diff.js',
    'client/images/icon.png',
  ];
  const missing = required.filter((f) => !files.includes(f));
  const unwanted = files.filter((f) =>
    /^(src|client\/src|server|test|node_modules|scripts|bench|out)\/|\.(ts|map)$|^dist\/cli(-worker)?\.js$/.test(
      f,
    ),
  );
  if (missing.length || unwanted.length)
    return fail(
      `installed extension: missing ${missing.join(', ') || '-'}; unwanted ${unwanted.join(', ') || '-'}`,
    );
  log(`  installed ${installed}: ${files.length} files`);
  vsixInstalled = true;
  results.push({ title, state: 'passed', durationMs: Date.now() - t });
  printResult(results.at(-1));
}

// ---------------------------------------------------------------------------------------------------
const pageLogs = [];
function wirePageLogs(page, tag) {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') pageLogs.push(`[${tag}] ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => pageLogs.push(`[${tag}] pageerror: ${e.message}`));
}
function logHint() {
  return keep ? `${runDir}/server.log` : 'test-results/e2e-logs/ (server.log, browser.log)';
}
function saveLogs() {
  if (!runDir) return;
  const dest = join(RESULTS_DIR, 'e2e-logs');
  mkdirSync(dest, { recursive: true });
  if (existsSync(join(runDir, 'server.log'))) cpSync(join(runDir, 'server.log'), join(dest, 'server.log'));
  writeFileSync(join(dest, 'browser.log'), pageLogs.join('\n') + '\n');
}
function vscodeVersion() {
  try {
    const p = join(dirname(CODE_SERVER), '../../lib/vscode/package.json');
    return JSON.parse(readFileSync(p, 'utf8')).version;
  } catch {
    return '?';
  }
}

async function main() {
  if (!existsSync(CODE_SERVER)) {
    throw new Error('code-server is not installed: run `bash scripts/setup-e2e.sh` (or `npm run test:e2e`)');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run \`bash scripts/setup-e2e.sh\``);
  if (!flag('no-build')) build();

  runDir = mkdtempSync(join(tmpdir(), 'callflow-e2e-'));
  const userData = join(runDir, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'update.mode': 'none',
        'update.showReleaseNotes': false,
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'git.enabled': false,
        'git.openRepositoryInParentFolders': 'never',
        'files.hotExit': 'off',
        'window.restoreWindows': 'none',
        'chat.commandCenter.enabled': false,
        'editor.accessibilitySupport': 'off',
        // --web: the browser build (package.json `browser`) in the web worker host.
        ...(web ? { 'remote.extensionKind': { 'callflow-studio.callflow-studio': ['web'] } } : {}),
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = join(runDir, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = {
    ...process.env,
    CALLFLOW_E2E_RESULTS: join(runDir, 'suite-results.json'),
    CALLFLOW_E2E: '1',
    // No extension gallery: nothing to reach here (and no lookups of its host).
    EXTENSIONS_GALLERY: '{}',
  };
  for (const k of Object.keys(env))
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  const privateDirs = [
    '--config',
    config,
    '--user-data-dir',
    userData,
    '--extensions-dir',
    join(runDir, 'extensions'),
  ];
  if (runUi && vsixArg) installVsix(privateDirs, env);
  const out = openSync(join(runDir, 'server.log'), 'a');
  const tServer = Date.now();
  server = spawn(
    process.execPath,
    [
      CODE_SERVER,
      ...privateDirs,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { cwd: runDir, env, detached: true, stdio: ['ignore', out, out] },
  );
  await waitForServer(base, 60_000);
  log(`code-server ${vscodeVersion()} up on ${base} after ${secs(tServer)} s (pid group ${server.pid})`);

  const { chromium } = await import('playwright-core');
  launching = chromium.launchPersistentContext(join(runDir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    // Our own signal handlers close the browser and code-server; Playwright's would exit first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  context = await launching;
  for (const p of context.pages()) await p.close().catch(() => {});

  if (runSuite) await runExtensionHostSuite(base, port);
  if (runUi) await runUiTests(base, port);
}

const timer = setTimeout(async () => {
  log(
    `\n✗ timed out after ${TIMEOUT_S} s (override with --timeout=SECONDS or CALLFLOW_E2E_TIMEOUT); ` +
      `stopping code-server and Chromium`,
  );
  const code = finish({ title: 'e2e run', error: `timed out after ${TIMEOUT_S} s; logs: ${logHint()}` });
  saveLogs();
  await cleanup();
  process.exit(code ?? 1);
}, TIMEOUT_S * 1000);

let code;
try {
  await main();
  code = finish();
} catch (e) {
  code = finish({ title: 'e2e harness', error: String(e.stack ?? e) });
} finally {
  clearTimeout(timer);
  saveLogs();
  await cleanup();
}
process.exit(interrupted ? 130 : (code ?? 1));

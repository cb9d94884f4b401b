// tests/web/lib.js - what the browser tests share: a desk of their own (a copy of samples/, demo
// users, `gen/cindoc serve` on a free port of 127.0.0.1), Debian's chromium driven by
// playwright-core, axe-core on every page, and the "ok - " / "not ok - " lines tests/run counts.
//
// Nothing here talks to anything but 127.0.0.1: chromium is started with every background
// network feature off, and each page's requests to another host are refused (and reported).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const CINDOC = process.env.CINDOC || path.join(ROOT, 'gen', 'cindoc');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TODAY = '2026-11-25'; // the samples' dates are set against this day
const PASSWORD = 'demo-password-1'; // every demo user's password (invented, local only)
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// ---------------------------------------------------------------- results

let passed = 0;
let failed = 0;

function ok(name) {
  passed++;
  console.log(`ok - ${name}`);
}

function notOk(name, why) {
  failed++;
  console.log(`not ok - ${name}`);
  for (const line of String(why || '').split('\n').slice(0, 40)) console.log(`    ${line}`);
}

// Runs fn; its thrown error (or a false result) fails the test. Time-bounded.
async function test(name, fn, { timeoutMs = 180000 } = {}) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([fn(), limit]);
    ok(name);
  } catch (e) {
    notOk(name, e && e.stack ? e.stack : String(e));
  } finally {
    clearTimeout(timer);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function counts() {
  return { passed, failed };
}

// ---------------------------------------------------------------- the desk

function run(args, opts = {}) {
  const r = spawnSync(CINDOC, args, { encoding: 'utf8', env: deskEnv(), ...opts });
  return { code: r.status, out: r.stdout || '', err: r.stderr || '' };
}

function deskEnv() {
  return { ...process.env, CINDOC_HOME: ROOT, TZ: 'UTC', LC_ALL: 'C.UTF-8' };
}

// A scratch folder with a copy of samples/ (cases 0700, files 0600) and demo users.
function makeDesk(dir, { users = DEMO_USERS } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  const cases = path.join(dir, 'cases');
  fs.mkdirSync(cases, { recursive: true, mode: 0o700 });
  for (const f of fs.readdirSync(path.join(ROOT, 'samples'))) {
    if (!f.endsWith('.xml')) continue;
    fs.copyFileSync(path.join(ROOT, 'samples', f), path.join(cases, f));
    fs.chmodSync(path.join(cases, f), 0o600);
  }
  for (const [name, role] of users) addUser(cases, name, role);
  return { dir, cases };
}

const DEMO_USERS = [
  ['mt', 'minute-taker'],
  ['mt2', 'minute-taker'],
  ['chair', 'chair'],
  ['admin', 'admin'],
];

function addUser(cases, name, role) {
  const r = run(['user', 'add', cases, name, role], { input: `${PASSWORD}\n` });
  if (r.code !== 0) throw new Error(`cindoc user add ${name} ${role}: exit ${r.code}: ${r.err}`);
}

// Starts `cindoc serve` on a free port; resolves when it says where it listens.
function startServer(cases, { extraArgs = [], logFile = null } = {}) {
  return new Promise((resolve, reject) => {
    const args = ['serve', '--listen', '127.0.0.1:0', '--today', TODAY, ...extraArgs, cases];
    const proc = spawn(CINDOC, args, { env: deskEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    let done = false;
    const timer = setTimeout(() => {
      if (!done) {
        done = true;
        proc.kill('SIGKILL');
        reject(new Error(`cindoc serve did not start within 30 s:\n${log}`));
      }
    }, 30000);
    const onData = (chunk) => {
      log += chunk;
      if (logFile) fs.appendFileSync(logFile, chunk);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
      if (m && !done) {
        done = true;
        clearTimeout(timer);
        resolve({ url: m[1], proc, pid: proc.pid, log: () => log, stop: () => stopServer(proc) });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code, sig) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        reject(new Error(`cindoc serve exited (${code === null ? sig : code}) before listening:\n${log}`));
      }
    });
  });
}

// SIGTERM, and wait (at most 20 s) for the server to finish what it was doing and exit.
function stopServer(proc) {
  return new Promise((resolve, reject) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode);
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error('cindoc serve did not stop within 20 s of SIGTERM'));
    }, 20000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    proc.kill('SIGTERM');
  });
}

// ---------------------------------------------------------------- the browser

let playwright = null;

function loadPlaywright() {
  if (!playwright) playwright = require(path.join(ROOT, 'node_modules', 'playwright-core'));
  return playwright;
}

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// A browser with a new, empty profile (removed on close).
async function launchBrowser() {
  const { chromium } = loadPlaywright();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cindoc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const offsite = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1' || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    offsite.push(u.href);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    offsite,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- axe-core on every page

const AXE_SOURCE = () => fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
let axeSource = null;

// Every page checked: key (path and title) -> violations found there.
const pagesChecked = new Map();

// Runs axe-core (WCAG 2.2 AA) on the page as it is now; records it; throws on a violation.
// axe is evaluated through the DevTools protocol, so the page's CSP (no inline script) stays on.
async function axeCheck(page, label = '') {
  if (!axeSource) axeSource = AXE_SOURCE();
  await page.evaluate(axeSource);
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  }, AXE_TAGS);
  const url = new URL(page.url());
  const key = `${url.pathname} "${await page.title()}"${label ? ` (${label})` : ''}`;
  pagesChecked.set(key, result);
  if (result.length) {
    throw new Error(`axe-core: ${result.length} WCAG 2.2 AA violation(s) on ${key}:\n` +
      result.map((v) => `  ${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(', ')}`).join('\n'));
  }
  return result;
}

// The page text must never show XML to the user (no tags, no ids like p3 in the words).
async function noXmlSeen(page) {
  const text = await page.evaluate(() => document.body.innerText);
  const m = /<\/?[a-z][a-z-]*(\s[^>]*)?>|&lt;|xmlParse|xmlns|\.xsd\b/.exec(text);
  if (m) throw new Error(`the page ${page.url()} shows XML to the user: '${m[0]}'`);
}

// Every page visited in a journey goes through this: status, no XML, axe.
async function visited(page, response, { status = 200, label = '' } = {}) {
  if (response && status !== null) {
    const got = response.status();
    assert(got === status, `${page.url()}: HTTP ${got}, wanted ${status}`);
  }
  await noXmlSeen(page);
  await axeCheck(page, label);
}

// ---------------------------------------------------------------- pages

async function login(page, base, user, password = PASSWORD) {
  const resp = await page.goto(`${base}/login`);
  await visited(page, resp);
  await page.fill('input[name="user"]', user);
  await page.fill('input[name="password"]', password);
  const [r2] = await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type="submit"]')]);
  return r2;
}

// The form's CSRF token on the page now.
async function csrfOf(page) {
  return page.getAttribute('input[name="csrf"]', 'value');
}

// Clicks a submit button (by action value) and waits for the page it leads to.
async function submit(page, action = 'next') {
  const sel = `button[name="action"][value="${action}"]`;
  const [resp] = await Promise.all([page.waitForNavigation(), page.click(sel)]);
  return resp;
}

function caseFile(cases, name) {
  return path.join(cases, `${name}.xml`);
}

module.exports = {
  ROOT, CINDOC, TODAY, PASSWORD, AXE_TAGS, DEMO_USERS,
  test, ok, notOk, assert, counts,
  run, makeDesk, addUser, startServer, stopServer,
  launchBrowser, axeCheck, noXmlSeen, visited, pagesChecked,
  login, csrfOf, submit, caseFile,
};

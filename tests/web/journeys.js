#!/usr/bin/env node
// tests/web/journeys.js - the web desk in a real browser (Debian's chromium, playwright-core),
// one test per journey of issue 11, axe-core (WCAG 2.2 AA) on every page visited. Prints
// "ok - " / "not ok - " lines; run by tests/t8900-web-journeys.sh.
//
//   node tests/web/journeys.js [--out DIR] [--only SUBSTRING] [--screenshots DIR]
//
// A journey that needs a page the desk does not have yet fails (it is never skipped).
'use strict';

const fs = require('fs');
const path = require('path');
const L = require('./lib');
const W = require('./writeup');

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const OUT = path.resolve(opt('--out', path.join(L.ROOT, 'tests', 'out', 't8900-web-journeys')));
const ONLY = opt('--only', null);
const SHOTS = opt('--screenshots', null);

const CASE = '02-review-scaling';
// The other cases used met last in November 2026: a meeting on the day before "today".
const NOVEMBER = { date: '24/11/2026', nextDate: '15/02/2027', newBy: '01/02/2027' };

function lastMeeting(xml) {
  const ids = [...xml.matchAll(/<meeting id="([^"]+)"/g)].map((m) => m[1]);
  return ids[ids.length - 1];
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const desk = L.makeDesk(path.join(OUT, 'desk'));
  const serverLog = path.join(OUT, 'server.log');
  fs.writeFileSync(serverLog, '');
  let server = await L.startServer(desk.cases, { logFile: serverLog });
  const browser = await L.launchBrowser();
  const ctx = browser.context;
  const shot = async (page, name) => {
    if (!SHOTS) return;
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  const journey = async (name, fn, o) => {
    if (ONLY && !name.includes(ONLY)) return;
    await L.test(name, fn, o);
  };
  // A fresh page with no session: each journey logs in itself.
  const freshPage = async () => {
    await ctx.clearCookies();
    return ctx.newPage();
  };

  try {
    await journey('log in: the case list after signing in, a wrong password refused', async () => {
      const page = await freshPage();
      let resp = await page.goto(`${server.url}/cases`);
      L.assert(new URL(page.url()).pathname === '/login', `not sent to the sign-in page: ${page.url()}`);
      await L.visited(page, resp);
      await shot(page, 'login');
      await page.fill('input[name="user"]', 'mt');
      await page.fill('input[name="password"]', 'not the password');
      [resp] = await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type="submit"]')]);
      await L.visited(page, resp, { status: 401, label: 'wrong password' });
      L.assert(await page.isVisible('.govuk-error-summary'), 'no error summary after a wrong password');
      await shot(page, 'login-error');
      // After a failed login the name waits 2 seconds (gen/web/session.c) before it may try again.
      await new Promise((r) => setTimeout(r, 3000));
      resp = await L.login(page, server.url, 'mt');
      L.assert(new URL(page.url()).pathname === '/cases', `after signing in: ${page.url()}, wanted /cases`);
      await shot(page, 'cases');
      await L.visited(page, resp);
      const text = await page.innerText('main');
      L.assert(text.includes('NB-2026-0142'), 'the case list does not show NB-2026-0142');
      L.assert(text.includes('Amelia Hartley'), "the case list does not show Amelia Hartley's name");
      resp = await page.goto(`${server.url}/cases?q=Amelia`);
      await L.visited(page, resp, { label: 'filtered' });
      L.assert((await page.innerText('main')).includes('NB-2026-0142'), 'the filter by a child\'s name loses the case');
      await page.close();
    });

    await journey(`write up a new review of ${CASE} with no XML seen; cindoc check passes; the minutes render`, async () => {
      const page = await freshPage();
      await L.login(page, server.url, 'mt');
      const before = fs.readFileSync(L.caseFile(desk.cases, CASE), 'utf8');
      let resp = await page.goto(`${server.url}/case/${CASE}`);
      await L.visited(page, resp);
      await shot(page, 'case');
      const words = 'Mondays are OK now. I read with Miss Patel & my friend Zara <3';
      resp = await W.writeUp(page, server.url, CASE, { answers: { childWords: words, venue: 'Eastmoor Family Hub, the garden room' } });
      await L.visited(page, resp, { label: 'after saving' });
      await shot(page, 'saved');
      const after = fs.readFileSync(L.caseFile(desk.cases, CASE), 'utf8');
      L.assert(after !== before, 'the case file did not change');
      const m = lastMeeting(after);
      L.assert(m && m !== lastMeeting(before), `no new meeting in the case file (last is ${m})`);
      L.assert(after.includes('Mondays are OK now. I read with Miss Patel &amp; my friend Zara &lt;3'),
        "the child's own words are not in the file as typed");
      L.assert(after.includes('the garden room'), 'the venue is not in the file');
      const st = fs.statSync(L.caseFile(desk.cases, CASE));
      L.assert((st.mode & 0o777) === 0o600, `the saved case is mode ${(st.mode & 0o777).toString(8)}, not 600`);
      const chk = L.run(['check', L.caseFile(desk.cases, CASE)]);
      L.assert(chk.code === 0, `cindoc check on the saved case: exit ${chk.code}\n${chk.err}`);
      const pdf = path.join(OUT, 'new-minutes.pdf');
      fs.rmSync(pdf, { force: true });
      const r = L.run(['render', '--doc', 'minutes', '--for', 'file', '--meeting', m, L.caseFile(desk.cases, CASE), '-o', pdf]);
      L.assert(r.code === 0 && fs.existsSync(pdf) && fs.statSync(pdf).size > 1000, `cindoc render of the new minutes: exit ${r.code}\n${r.err}`);
      const hist = L.run(['history', '--format', 'tsv', L.caseFile(desk.cases, CASE)]);
      L.assert(hist.code === 0 && /\tmt\t[0-9a-f]{64}\t\d+\t1$/m.test(hist.out), `the history does not show mt's save as current:\n${hist.out}${hist.err}`);
      resp = await page.goto(`${server.url}/case/${CASE}/history`);
      await L.visited(page, resp);
      L.assert((await page.innerText('main')).includes('mt'), 'the history page does not name who saved');
      await shot(page, 'history');
      await page.close();
    }, { timeoutMs: 300000 });

    await journey('a draft kept over a server restart', async () => {
      const page = await freshPage();
      await L.login(page, server.url, 'mt');
      const c = '04-disabled-child';
      await W.writeUp(page, server.url, c, { answers: NOVEMBER, stopAt: 'details' });
      await page.fill('input[name="venue"]', 'Draft venue: the sensory room');
      const resp = await W.pressMouse(page, 'draft');
      await L.visited(page, resp, { label: 'draft saved' });
      await server.stop();
      server = await L.startServer(desk.cases, { logFile: serverLog });
      await ctx.clearCookies();
      await L.login(page, server.url, 'mt');
      const r2 = await page.goto(`${server.url}/case/${c}/write/details`);
      await L.visited(page, r2, { label: 'draft after restart' });
      const v = await page.inputValue('input[name="venue"]');
      L.assert(v === 'Draft venue: the sensory room', `after the restart the venue is '${v}'`);
      await page.close();
    });

    await journey('a bad date shown beside its field', async () => {
      const page = await freshPage();
      await L.login(page, server.url, 'mt');
      const c = '05-transfer-in';
      await W.writeUp(page, server.url, c, { answers: NOVEMBER, stopAt: 'details' });
      await page.fill('input[name="date"]', '31/02/2026');
      const resp = await W.pressMouse(page, 'next');
      await L.visited(page, resp, { status: null, label: 'bad date' });
      await shot(page, 'bad-date');
      L.assert(W.stepOf(page) === 'details', `a bad date moved on to ${page.url()}`);
      const summary = await page.$$eval('.govuk-error-summary a', (as) => as.map((x) => x.getAttribute('href')));
      L.assert(summary.includes('#date'), `the error summary does not link to #date: ${summary.join(', ')}`);
      const beside = await page.$('#date-error');
      L.assert(beside && (await beside.isVisible()), 'no message beside the date field (#date-error)');
      const msg = (await beside.innerText()).trim();
      L.assert(msg.length > 5, `the message beside the date says '${msg}'`);
      L.assert((await page.inputValue('input[name="date"]')) === '31/02/2026', 'the typed date was not kept');
      await page.close();
    });

    await journey('a stale save refused with the typed text kept', async () => {
      const page = await freshPage();
      await L.login(page, server.url, 'mt2');
      const c = '09-withheld-address';
      const typed = 'Typed by the second minute taker: the family room';
      await W.writeUp(page, server.url, c, { answers: { ...NOVEMBER, venue: typed }, stopAt: 'check' });
      // Someone else saves the case meanwhile (here: a change made to the file outside this editor).
      const f = L.caseFile(desk.cases, c);
      const before = fs.readFileSync(f, 'utf8');
      fs.writeFileSync(f, before.replace('</case>', '<!-- changed by someone else -->\n</case>'));
      for (const f of await W.formFields(page))
        if (f.name === 'accept-warnings' && !f.checked) await page.check(`[name="accept-warnings"][value="${f.value}"]`);
      const resp = await W.pressMouse(page, 'save');
      await L.visited(page, resp, { status: null, label: 'stale' });
      await shot(page, 'stale');
      const after = fs.readFileSync(f, 'utf8');
      L.assert(after.includes('changed by someone else') && !after.includes(typed), 'the stale save overwrote the other change');
      const text = await page.innerText('main');
      L.assert(/changed|since|someone/i.test(text), `the page does not say the case changed: ${text.slice(0, 300)}`);
      const r2 = await page.goto(`${server.url}/case/${c}/write/details`);
      await L.visited(page, r2, { label: 'after stale' });
      L.assert((await page.inputValue('input[name="venue"]')) === typed, 'the typed venue was lost after the stale save');
      await page.close();
    }, { timeoutMs: 300000 });

    await journey('a new case', async () => {
      const page = await freshPage();
      await L.login(page, server.url, 'chair');
      let resp = await page.goto(`${server.url}/new`);
      await L.visited(page, resp);
      await shot(page, 'new-case');
      const fields = await W.formFields(page);
      L.assert(fields.length > 3, 'the new case page has no form');
      const filled = {};
      for (const f of fields) {
        if (f.tag === 'select') { const o = f.options.find((x) => x.value); if (o) { await page.selectOption(`[name="${f.name}"]`, o.value); filled[f.name] = o.value; } continue; }
        if (f.type === 'radio' || f.type === 'checkbox') { if (!fields.some((g) => g.name === f.name && g.checked)) { await page.check(`[name="${f.name}"][value="${f.value}"]`); } continue; }
        if (f.value) continue;
        let v = 'Invented';
        if (/ref/.test(f.name)) v = 'NB-2026-0999';
        else if (/born|date|assessed|opened|consent/.test(f.name)) v = /born/.test(f.name) ? '14/03/2016' : '20/11/2026';
        else if (/postcode/.test(f.name)) v = 'NB3 5RW';
        else if (/email/.test(f.name)) v = 'family@example.org';
        else if (/phone/.test(f.name)) v = '01632 960999';
        else if (/given/.test(f.name)) v = 'Ava';
        else if (/family/.test(f.name)) v = 'Lindqvist';
        await page.fill(`[name="${f.name}"]`, v);
        filled[f.name] = v;
      }
      [resp] = await Promise.all([page.waitForNavigation(), page.click('main form button[type="submit"]')]);
      await L.visited(page, resp, { label: 'new case made' });
      const made = fs.readdirSync(desk.cases).filter((n) => /^nb-2026-0999(-\d+)?\.xml$/.test(n));
      L.assert(made.length === 1, `no new case file nb-2026-0999.xml (the folder has ${fs.readdirSync(desk.cases).join(' ')})`);
      const chk = L.run(['check', path.join(desk.cases, made[0])]);
      L.assert(chk.code <= 1, `cindoc check on the new case: exit ${chk.code}\n${chk.err}`);
      L.assert(!/<authority>/.test(fs.readFileSync(path.join(desk.cases, made[0]), 'utf8').split('<children>')[0]),
        "the new case repeats the authority's details of authority.xml");
      await page.close();
    });

    await journey('a logged-out user and a user of the wrong role refused', async () => {
      const page = await freshPage();
      for (const p of ['/cases', `/case/${CASE}`, `/case/${CASE}/write/start`, '/new']) {
        const resp = await page.goto(`${server.url}${p}`);
        L.assert(new URL(page.url()).pathname === '/login', `logged out, GET ${p} ends at ${page.url()}, not /login`);
        await L.visited(page, resp, { label: `logged out, ${p}` });
      }
      let r = await page.request.post(`${server.url}/case/${CASE}/write/details`, { form: { venue: 'x' }, maxRedirects: 0 });
      L.assert(r.status() === 403, `logged out, a POST answers ${r.status()}, not 403`);
      await L.login(page, server.url, 'admin');
      let resp = await page.goto(`${server.url}/case/${CASE}/write/start`);
      L.assert(resp.status() === 403, `an admin writing up minutes gets ${resp.status()}, not 403`);
      await L.visited(page, resp, { status: 403, label: 'wrong role' });
      await shot(page, 'forbidden');
      await ctx.clearCookies();
      await L.login(page, server.url, 'mt');
      resp = await page.goto(`${server.url}/new`);
      L.assert(resp.status() === 403, `a minute taker opening a new case gets ${resp.status()}, not 403`);
      const csrf = await L.csrfOf(page);
      r = await page.request.post(`${server.url}/new`, { form: { csrf: csrf || '', action: 'save' }, maxRedirects: 0 });
      L.assert(r.status() === 403, `a minute taker posting a new case gets ${r.status()}, not 403`);
      await page.close();
    });

    await journey('a CSRF-less post refused', async () => {
      const page = await freshPage();
      await L.login(page, server.url, 'mt');
      const c = '10-after-child-protection';
      await W.writeUp(page, server.url, c, { answers: NOVEMBER, stopAt: 'details' });
      const good = await L.csrfOf(page);
      L.assert(good, 'the details form has no csrf field');
      const before = fs.readFileSync(L.caseFile(desk.cases, c), 'utf8');
      for (const [why, form] of [
        ['no token', { action: 'draft', venue: 'Forged venue' }],
        ['a wrong token', { csrf: good.replace(/.$/, (ch) => (ch === 'a' ? 'b' : 'a')), action: 'draft', venue: 'Forged venue' }],
        ['an empty token', { csrf: '', action: 'draft', venue: 'Forged venue' }],
      ]) {
        const r = await page.request.post(`${server.url}/case/${c}/write/details`, { form, maxRedirects: 0 });
        L.assert(r.status() === 403, `a post with ${why} answers ${r.status()}, not 403`);
      }
      const r = await page.request.post(`${server.url}/logout`, { form: {}, maxRedirects: 0 });
      L.assert(r.status() === 403, `a logout without a token answers ${r.status()}, not 403`);
      const resp = await page.goto(`${server.url}/case/${c}/write/details`);
      await L.visited(page, resp, { label: 'after forged posts' });
      L.assert((await page.inputValue('input[name="venue"]')) !== 'Forged venue', 'a forged post changed the draft');
      L.assert(fs.readFileSync(L.caseFile(desk.cases, c), 'utf8') === before, 'a forged post changed the case');
      await page.close();
    });

    await journey('a view and a new plan item in Polish too, for the mother who reads Polish', async () => {
      const page = await freshPage();
      await L.login(page, server.url, 'mt');
      const c = '03-siblings';
      const seen = {};
      const resp = await W.writeUp(page, server.url, c, {
        answers: {
          ...NOVEMBER,
          parentWords: 'Mum said the January shifts are sorted.',
          newNeed: 'Alfie learns to swim.',
          translations: {
            'parent-p1:pl': 'Mama powiedziała, że styczniowe zmiany są załatwione.',
            'new-1-need:pl': 'Alfie uczy się pływać.',
          },
        },
        beforeSave: async () => {
          seen.check = await page.innerText('main');
        },
      });
      await L.visited(page, resp, { label: 'saved with a translation' });
      L.assert(seen.check && seen.check.includes('Polish translation') && seen.check.includes('Alfie uczy się pływać.'),
        '"check your answers" does not show the Polish translation');
      const xml = fs.readFileSync(L.caseFile(desk.cases, c), 'utf8');
      L.assert(xml.includes('<p lang="pl">Mama powiedziała, że styczniowe zmiany są załatwione.</p>'), 'the translated view is not in the case file');
      L.assert(/<need>Alfie learns to swim\.<\/need>\s*<need lang="pl">Alfie uczy się pływać\.<\/need>/.test(xml), 'the translated need is not beside its original');
      const chk = L.run(['check', L.caseFile(desk.cases, c)]);
      L.assert(chk.code <= 1, `cindoc check after the translated write-up: exit ${chk.code}\n${chk.err}`);
      const pdf = path.join(OUT, 'polish-copy.pdf');
      fs.rmSync(pdf, { force: true });
      const r = L.run(['render', '--doc', 'plan-copy', '--for', 'p1', '--meeting', lastMeeting(xml), L.caseFile(desk.cases, c), '-o', pdf]);
      L.assert(r.code === 0, `the mother's copy: exit ${r.code}\n${r.err}`);
      const text = require('child_process').execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      L.assert(text.includes('Alfie uczy się pływać.') && !text.includes('Alfie learns to swim.'), "the mother's copy does not print the need in Polish");
      await page.close();
    }, { timeoutMs: 300000 });

    await journey('the whole write-up done with the keyboard alone', async () => {
      const page = await freshPage();
      await L.login(page, server.url, 'mt2');
      const c = '01-initial-meeting';
      const before = fs.readFileSync(L.caseFile(desk.cases, c), 'utf8');
      const resp = await W.writeUp(page, server.url, c, {
        keyboard: true,
        answers: { ...NOVEMBER, venue: 'Typed with the keyboard: the library room', type: 'review' },
      });
      await L.visited(page, resp, { label: 'saved with the keyboard' });
      const after = fs.readFileSync(L.caseFile(desk.cases, c), 'utf8');
      L.assert(after !== before && after.includes('Typed with the keyboard: the library room'), 'the keyboard write-up did not reach the case file');
      const chk = L.run(['check', L.caseFile(desk.cases, c)]);
      L.assert(chk.code <= 1, `cindoc check after the keyboard write-up: exit ${chk.code}\n${chk.err}`);
      await page.close();
    }, { timeoutMs: 300000 });

    await journey('nothing was fetched from another host', async () => {
      L.assert(browser.offsite.length === 0, `requests to other hosts: ${browser.offsite.slice(0, 5).join(', ')}`);
    });

    // Every page visited above was checked by axe-core as it was shown; this sums it up.
    const bad = [...L.pagesChecked].filter(([, v]) => v.length);
    const total = L.pagesChecked.size;
    if (!ONLY) {
      if (total > 0 && bad.length === 0) L.ok(`axe-core: zero WCAG 2.2 AA violations on every page visited (${total} pages)`);
      else L.notOk(`axe-core: zero WCAG 2.2 AA violations on every page visited (${total} pages)`,
        total === 0 ? 'no page was checked' : bad.map(([k, v]) => `${k}: ${v.map((x) => x.id).join(', ')}`).join('\n'));
    }
  } finally {
    await browser.close();
    const code = await server.stop().catch((e) => e.message);
    const log = fs.readFileSync(serverLog, 'utf8');
    if (!ONLY) {
      if (code === 0 && !/AddressSanitizer|LeakSanitizer|runtime error:/.test(log)) L.ok('the server stops cleanly on SIGTERM (exit 0, no sanitizer report)');
      else L.notOk('the server stops cleanly on SIGTERM (exit 0, no sanitizer report)', `exit ${code}\n${log.slice(-3000)}`);
    }
  }
  const { passed, failed } = L.counts();
  console.log(`# journeys: ${passed} passed, ${failed} failed; pages checked with axe-core: ${L.pagesChecked.size}`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  L.notOk('the browser tests run', e && e.stack ? e.stack : String(e));
  process.exitCode = 1;
});

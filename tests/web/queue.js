// tests/web/queue.js - the admin's desk in a real browser (run by tests/t8902-web-queue.sh, which
// starts a CUPS scheduler of its own and exports CUPS_SERVER): the queue with what is overdue,
// printing a date on the test's printer, ticking one copy as issued, and then `cindoc due` and
// the ledger agree with what was done; axe-core on every page.
'use strict';
const fs = require('fs');
const path = require('path');
const L = require('./lib');

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const OUT = path.resolve(opt('--out', path.join(L.ROOT, 'tests', 'out', 't8902-web-queue')));
const PRINTER = opt('--printer', 'cindoc-test');

// The ledger's rows as objects (tab-separated, first line a comment, then the column names).
function ledger(q) {
  const lines = fs.readFileSync(path.join(q, 'ledger.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const cols = lines.shift().split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const desk = L.makeDesk(path.join(OUT, 'desk'));
  const queue = path.join(desk.dir, 'queue');
  const made = L.run(['queue', desk.cases, '-o', queue, '--today', L.TODAY, '-q']);
  const serverLog = path.join(OUT, 'server.log');
  fs.writeFileSync(serverLog, '');
  const server = await L.startServer(desk.cases, { extraArgs: ['-o', queue], logFile: serverLog });
  const browser = await L.launchBrowser();
  const ctx = browser.context;
  try {
    await L.test('the queue was made for the desk', async () => {
      L.assert(made.code === 0, `cindoc queue: exit ${made.code}: ${made.err}`);
    });

    await L.test('a chair has no print queue: no link, and 403', async () => {
      await ctx.clearCookies();
      const page = await ctx.newPage();
      await L.login(page, server.url, 'chair');
      L.assert(!(await page.isVisible('a[href="/queue"]')), 'the chair sees the print queue link');
      const resp = await page.goto(`${server.url}/queue`);
      await L.visited(page, resp, { status: 403, label: 'chair' });
      await page.close();
    });

    await L.test('an admin prints a date on the chosen printer, two-sided; due shows the minutes sent', async () => {
      await ctx.clearCookies();
      const page = await ctx.newPage();
      await L.login(page, server.url, 'admin');
      let [resp] = await Promise.all([page.waitForNavigation(), page.click('a[href="/queue"]')]);
      await L.visited(page, resp);
      const banner = await page.innerText('.desk-banner-overdue');
      L.assert(/overdue/i.test(banner) && /20 July 2026/.test(banner), `the overdue banner does not name 20 July 2026: ${banner}`);
      [resp] = await Promise.all([page.waitForNavigation(), page.click('main a[href="/queue/2026-11-26"]')]);
      await L.visited(page, resp);
      const waiting = ledger(queue).filter((r) => r.status === 'queued' && r.file.startsWith('2026-11-26/'));
      L.assert(waiting.length > 1, 'nothing waits on 2026-11-26');
      await page.selectOption('select#printer', PRINTER);
      await page.check('input#sides'); // both sides
      [resp] = await Promise.all([page.waitForNavigation(), page.click('form[action$="/print"] button[type="submit"]')]);
      await L.visited(page, resp, { label: 'printed' });
      const done = await page.innerText('.govuk-notification-banner--success');
      L.assert(done.includes(`${waiting.length} jobs sent to ${PRINTER}`), `no success message: ${done}`);
      const after = ledger(queue).filter((r) => r.file.startsWith('2026-11-26/'));
      L.assert(after.every((r) => r.status === 'issued' && r.issued === L.TODAY), 'the printed copies are not all issued today');
      // 2026-11-26 holds sample 01's plan copies of m1 (sample 06's plan ended: its final
      // minutes go with the closure letters)
      const due = L.run(['due', '--today', L.TODAY, '--format', 'csv', path.join(desk.cases, '01-initial-meeting.xml')]);
      L.assert(/,minutes-sent,m1,[^\n]*,2026-11-25,done,/.test(due.out), `due does not show m1's minutes sent:\n${due.out}`);
      await page.close();
    });

    await L.test('an admin ticks one copy as issued; the others still wait', async () => {
      await ctx.clearCookies();
      const page = await ctx.newPage();
      await L.login(page, server.url, 'admin');
      let resp = await page.goto(`${server.url}/queue/2026-11-27`);
      await L.visited(page, resp);
      const first = await page.getAttribute('input#item', 'value');
      await page.check('input#item');
      [resp] = await Promise.all([page.waitForNavigation(),
        page.click('form[action$="/issued"] button[type="submit"]:not([name])')]);
      await L.visited(page, resp, { label: 'marked' });
      L.assert((await page.innerText('.govuk-notification-banner--success')).includes('1 copies marked issued'), 'no message');
      const rows = ledger(queue).filter((r) => r.file.startsWith('2026-11-27/'));
      L.assert(rows.find((r) => r.item === first).status === 'issued', `${first} is not issued`);
      L.assert(rows.some((r) => r.status === 'queued'), 'every copy of the date was marked');
      // Nothing ticked: the error beside the boxes, from the summary's link.
      [resp] = await Promise.all([page.waitForNavigation(),
        page.click('form[action$="/issued"] button[type="submit"]:not([name])')]);
      await L.visited(page, resp, { status: 422, label: 'nothing ticked' });
      L.assert(await page.isVisible('.govuk-error-summary a[href="#item"]'), 'no error summary linking to the boxes');
      await page.close();
    });

    const bad = [...L.pagesChecked].filter(([, v]) => v.length);
    const total = L.pagesChecked.size;
    if (total > 0 && bad.length === 0) L.ok(`axe-core: zero WCAG 2.2 AA violations on every page visited (${total} pages)`);
    else L.notOk('axe-core: zero WCAG 2.2 AA violations on every page visited', bad.map(([k, v]) => `${k}: ${v.map((x) => x.id).join(', ')}`).join('\n'));
  } finally {
    await browser.close();
    await server.stop().catch(() => {});
  }
  const { passed, failed } = L.counts();
  console.log(`# queue journeys: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  L.notOk('the browser tests run', e && e.stack ? e.stack : String(e));
  process.exitCode = 1;
});

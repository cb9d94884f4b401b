#!/usr/bin/env node
// tests/web/issue.js - the chair's desk of issue 15 in a real browser (Debian's chromium,
// playwright-core), axe-core (WCAG 2.2 AA) on every page visited: a chair issues a meeting's plan
// and minutes and sees what each copy leaves out; the post copies are in the queue after, the
// email copies issued there and offered as AES-256 protected PDFs (qpdf says so) with a password
// shown once; issuing twice queues nothing twice; the wrong role is refused; a desk without a
// queue folder says so. Prints "ok - " / "not ok - " lines; run by tests/t8910-web-issue.sh.
//
//   node tests/web/issue.js [--out DIR]
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const L = require('./lib');

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const OUT = path.resolve(opt('--out', path.join(L.ROOT, 'tests', 'out', 't8910-web-issue')));

// 09-withheld-address: the review m2 on 19 November 2026. Present and getting a copy: Ellie (c1,
// 11, post), Rebecca (p1, mother, has an email), Craig (p2, father, no email: post; most things
// are withheld from him), Lauren Achebe (p3) and Kieran Doyle (p7), professionals with an email.
const CASE = '09-withheld-address';
const MEETING = 'm2';
const POST = ['c1', 'p2'];
const EMAIL = ['p1', 'p3', 'p7'];

function ledger(queue) {
  const file = path.join(queue, 'ledger.tsv');
  if (!fs.existsSync(file)) return { text: '', rows: [] };
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
  const head = lines.shift().split('\t');
  const rows = lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [head[i], v])));
  return { text, rows };
}

function rowOf(rows, who) {
  return rows.find((r) => r.item === `NB-2026-0803/plan-copy/${MEETING}/${who}`);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const desk = L.makeDesk(path.join(OUT, 'desk'));
  const queue = path.join(desk.dir, 'queue');
  const serverLog = path.join(OUT, 'server.log');
  fs.writeFileSync(serverLog, '');
  const server = await L.startServer(desk.cases, { logFile: serverLog, extraArgs: ['-o', queue] });
  const browser = await L.launchBrowser();
  const ctx = browser.context;
  const freshPage = async () => {
    await ctx.clearCookies();
    return ctx.newPage();
  };
  const issueUrl = `${server.url}/case/${CASE}/issue?meeting=${MEETING}`;
  const passwords = {};
  let issuedPage = null;

  try {
    await L.test('issue: the chair sees every recipient and what each copy leaves out', async () => {
      const page = await freshPage();
      await L.login(page, server.url, 'chair');
      let resp = await page.goto(`${server.url}/case/${CASE}`);
      await L.visited(page, resp, { label: 'case page, chair' });
      const link = page.locator(`a[href="/case/${CASE}/issue?meeting=${MEETING}"]`);
      L.assert(await link.count() === 1, 'the case page offers no "Issue the plan and minutes" for the meeting');
      [resp] = await Promise.all([page.waitForNavigation(), link.click()]);
      await L.visited(page, resp, { label: 'before issuing' });
      const rows = await page.$$eval('tr[data-recipient]', (trs) => trs.map((t) => t.getAttribute('data-recipient')));
      L.assert(JSON.stringify(rows.sort()) === JSON.stringify([...POST, ...EMAIL].sort()),
        `the recipients listed are ${rows.join(' ')}, wanted ${[...POST, ...EMAIL].join(' ')}`);
      const craig = await page.innerText('tr[data-recipient="p2"]');
      for (const want of ['Craig Thornton’s copy leaves out:', 'the address of Ellie Thornton',
        'the phone number of Rebecca Thornton', 'where Kieran Doyle works (Southmere Academy)',
        'the update from Kieran Doyle', 'the plan item “Ellie knows what to do if she sees Dad near home or school.”',
        'By post', 'English, Full plan, standard print']) {
        L.assert(craig.includes(want), `Craig's row does not say '${want}':\n${craig}`);
      }
      // m1's withheld words (a quote, a score) are not in m2's copy and are not listed.
      L.assert(!craig.includes('I don’t want Dad') && !craig.includes('the score of'), `Craig's row lists what another meeting withheld:\n${craig}`);
      const ellie = await page.innerText('tr[data-recipient="c1"]');
      L.assert(ellie.includes('Nothing: their copy is the whole plan and minutes.') && ellie.includes('Short version'),
        `Ellie's row:\n${ellie}`);
      const lauren = await page.innerText('tr[data-recipient="p3"]');
      L.assert(lauren.includes('A protected copy for secure email'), `Lauren's row:\n${lauren}`);
      L.assert(!fs.existsSync(path.join(queue, 'ledger.tsv')), 'the queue was written before anything was issued');
      // Issue.
      [resp] = await Promise.all([page.waitForNavigation(), page.click('button[name="action"][value="issue"]')]);
      await L.visited(page, resp, { label: 'issued' });
      for (const who of EMAIL) {
        const pw = await page.locator(`code.desk-password[data-for="${who}"]`).innerText();
        L.assert(/^[A-HJ-NP-Za-km-z2-9]{4}(-[A-HJ-NP-Za-km-z2-9]{4}){3}$/.test(pw), `the password for ${who} is '${pw}'`);
        passwords[who] = pw;
      }
      L.assert(new Set(Object.values(passwords)).size === EMAIL.length, 'two protected copies share a password');
      const text = await page.innerText('main');
      L.assert(text.includes('In the print queue, to be posted by 3 December 2026'), `no queue date on the issued page:\n${text}`);
      issuedPage = page;
    }, { timeoutMs: 240000 });

    await L.test('issue: the queue has the post copies after, the email copies issued and out of print.pdf', async () => {
      const { rows } = ledger(queue);
      for (const who of POST) {
        const r = rowOf(rows, who);
        L.assert(r && r.status === 'queued' && r.due === '2026-12-03' && +r.print_first > 0,
          `${who}: ${JSON.stringify(r)}, wanted queued for 2026-12-03 in print.pdf`);
        L.assert(fs.existsSync(path.join(queue, r.file)), `${r.file} is not in the queue`);
      }
      for (const who of EMAIL) {
        const r = rowOf(rows, who);
        L.assert(r && r.status === 'issued' && r.issued === L.TODAY && +r.print_first === 0,
          `${who}: ${JSON.stringify(r)}, wanted issued on ${L.TODAY}, not in print.pdf`);
      }
      L.assert(rows.length === POST.length + EMAIL.length, `the ledger has ${rows.length} items, wanted 5 (only this case)`);
      const info = spawnSync('pdfinfo', [path.join(queue, '2026-12-03', 'print.pdf')], { encoding: 'utf8' });
      const pages = +(/Pages:\s+(\d+)/.exec(info.stdout) || [])[1];
      const last = Math.max(...POST.map((w) => +rowOf(rows, w).print_last));
      L.assert(pages >= last && pages <= last + 1, `print.pdf has ${pages} pages, the post copies end on page ${last}`);
    });

    await L.test('issue: the protected copy downloads, qpdf says AES-256, the download is in the audit log', async () => {
      L.assert(issuedPage, 'nothing was issued');
      const page = issuedPage;
      const [dl] = await Promise.all([page.waitForEvent('download'),
        page.click(`a[href$="-p3.pdf"]`)]);
      const file = path.join(OUT, 'p3-protected.pdf');
      await dl.saveAs(file);
      L.assert(/-m2-p3-protected\.pdf$/.test(dl.suggestedFilename()), `the download is named ${dl.suggestedFilename()}`);
      const bare = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      L.assert(bare.status !== 0, 'the copy opens without its password');
      const enc = spawnSync('qpdf', [`--password=${passwords.p3}`, '--show-encryption', file], { encoding: 'utf8' });
      L.assert(enc.status === 0 && /^R = 6$/m.test(enc.stdout) && /file encryption method: AESv3/.test(enc.stdout),
        `qpdf --show-encryption:\n${enc.stdout}${enc.stderr}`);
      const txt = spawnSync('pdftotext', ['-upw', passwords.p3, file, '-'], { encoding: 'utf8' });
      L.assert(txt.status === 0 && txt.stdout.includes('Lauren'), 'the protected copy is not Lauren Achebe\'s');
      const audit = L.run(['audit', path.join(desk.cases, `${CASE}.xml`)]);
      L.assert(/\tchair\tissue\t09-withheld-address\tplan-copy m2: by post into the queue: c1 p2; protected copies for secure email: p1 p3 p7\n/.test(audit.out),
        `no issue row in the audit log:\n${audit.out}`);
      L.assert(/\tchair\tdownload\t09-withheld-address\tprotected plan-copy m2 for p3 /.test(audit.out), `no download row:\n${audit.out}`);
      L.assert(!audit.out.includes(passwords.p3), 'a password is in the audit log');
      L.assert(!fs.readFileSync(serverLog, 'utf8').includes(passwords.p3), 'a password is in the server log');
    });

    await L.test('issue: issuing twice queues nothing twice', async () => {
      const before = ledger(queue).text;
      const print = fs.readFileSync(path.join(queue, '2026-12-03', 'print.pdf'));
      const page = await freshPage();
      await L.login(page, server.url, 'chair');
      let resp = await page.goto(issueUrl);
      await L.visited(page, resp, { label: 'issued already' });
      const craig = await page.innerText('tr[data-recipient="p2"]');
      L.assert(craig.includes('In the print queue'), `the page does not say Craig's copy is queued:\n${craig}`);
      const rebecca = await page.innerText('tr[data-recipient="p1"]');
      L.assert(rebecca.includes('Issued on 25 November 2026'), `the page does not say Rebecca's copy was issued:\n${rebecca}`);
      [resp] = await Promise.all([page.waitForNavigation(), page.click('button[name="action"][value="issue"]')]);
      await L.visited(page, resp, { label: 'issued twice' });
      L.assert(ledger(queue).text === before, 'the second issue changed the ledger');
      L.assert(Buffer.compare(print, fs.readFileSync(path.join(queue, '2026-12-03', 'print.pdf'))) === 0, 'the second issue changed print.pdf');
      const pw = await page.locator('code.desk-password[data-for="p3"]').innerText();
      L.assert(pw !== passwords.p3, 'the second issue showed the same password again');
      await page.close();
    }, { timeoutMs: 240000 });

    await L.test('issue: one record: the email copies are in the audit as issued; when the admin marks the post copies, the case and `due` say the minutes were sent', async () => {
      const caseFile = path.join(desk.cases, `${CASE}.xml`);
      let audit = L.run(['audit', caseFile]).out;
      for (const who of EMAIL) {
        L.assert(new RegExp(`\\tchair\\tissue\\t${CASE}\\tNB-2026-0803/plan-copy/${MEETING}/${who} to .* via secure email \\(protected copy\\)\\n`).test(audit),
          `no audit row for ${who}'s copy issued by secure email:\n${audit}`);
      }
      const dueBefore = L.run(['due', '--today', L.TODAY, '--format', 'csv', caseFile]).out;
      L.assert(!new RegExp(`,minutes-sent,${MEETING},[^\\n]*,${L.TODAY},done,`).test(dueBefore),
        `due says the minutes were sent while two post copies wait:\n${dueBefore}`);
      const page = await freshPage();
      await L.login(page, server.url, 'admin');
      let resp = await page.goto(`${server.url}/queue/2026-12-03`);
      await L.visited(page, resp, { label: 'the queue date of the issued copies' });
      [resp] = await Promise.all([page.waitForNavigation(), page.click('button[name="all"][value="yes"]')]);
      await L.visited(page, resp, { label: 'marked issued' });
      const { rows } = ledger(queue);
      for (const who of [...POST, ...EMAIL]) {
        const r = rowOf(rows, who);
        L.assert(r && r.status === 'issued' && r.issued === L.TODAY, `${who}: ${JSON.stringify(r)}, wanted issued on ${L.TODAY}`);
      }
      const xml = fs.readFileSync(caseFile, 'utf8');
      L.assert(new RegExp(`minutes-sent="${L.TODAY}"`).test(xml), 'the case file does not record the minutes sent');
      const due = L.run(['due', '--today', L.TODAY, '--format', 'csv', caseFile]).out;
      L.assert(new RegExp(`,minutes-sent,${MEETING},[^\\n]*,${L.TODAY},(done|late),`).test(due), `due does not show the minutes sent:\n${due}`);
      audit = L.run(['audit', caseFile]).out;
      for (const who of POST) {
        L.assert(new RegExp(`\\tadmin\\tissue\\t${CASE}\\tNB-2026-0803/plan-copy/${MEETING}/${who} to .* via desk\\n`).test(audit),
          `no audit row for ${who}'s copy marked by the admin:\n${audit}`);
      }
      await page.close();
    }, { timeoutMs: 240000 });

    await L.test('issue: a minute taker or an admin is refused, and a post without the form token', async () => {
      const before = ledger(queue).text;
      for (const user of ['mt', 'admin']) {
        const page = await freshPage();
        await L.login(page, server.url, user);
        let resp = await page.goto(`${server.url}/case/${CASE}`);
        L.assert(await page.locator('a[href*="/issue"]').count() === 0, `the case page offers ${user} to issue`);
        resp = await page.goto(issueUrl);
        L.assert(resp.status() === 403, `${user} opening the issue page gets ${resp.status()}, not 403`);
        await L.visited(page, resp, { status: 403, label: `issue as ${user}` });
        const csrf = await L.csrfOf(page);
        const r = await page.request.post(`${server.url}/case/${CASE}/issue`, { form: { csrf: csrf || '', meeting: MEETING }, maxRedirects: 0 });
        L.assert(r.status() === 403, `${user} posting an issue gets ${r.status()}, not 403`);
        const f = await page.request.get(`${server.url}/case/${CASE}/issue/00000000000000000000000000000000-p3.pdf`, { maxRedirects: 0 });
        L.assert(f.status() === 403, `${user} fetching a protected copy gets ${f.status()}, not 403`);
        await page.close();
      }
      const page = await freshPage();
      await L.login(page, server.url, 'chair');
      const r = await page.request.post(`${server.url}/case/${CASE}/issue`, { form: { meeting: MEETING }, maxRedirects: 0 });
      L.assert(r.status() === 403, `a chair's post without the form token gets ${r.status()}, not 403`);
      L.assert(ledger(queue).text === before, 'a refused issue changed the queue');
      await page.close();
    });

    await L.test('issue: a desk without a queue folder says so and issues nothing', async () => {
      const other = await L.startServer(desk.cases, { logFile: serverLog });
      try {
        const page = await freshPage();
        await L.login(page, other.url, 'chair');
        const resp = await page.goto(`${other.url}/case/04-disabled-child/issue`);
        await L.visited(page, resp, { label: 'no queue folder' });
        const text = await page.innerText('main');
        L.assert(text.includes('started without a print queue folder'), `the page does not say why:\n${text}`);
        L.assert(await page.locator('button[value="issue"]').count() === 0, 'the page offers to issue');
        const csrf = await L.csrfOf(page);
        const r = await page.request.post(`${other.url}/case/04-disabled-child/issue`, { form: { csrf, meeting: '' }, maxRedirects: 0 });
        L.assert(r.status() === 409, `issuing without a queue folder answers ${r.status()}, not 409`);
        await page.close();
      } finally {
        await other.stop();
      }
    });

    await L.test('nothing was fetched from another host', async () => {
      L.assert(browser.offsite.length === 0, `requests to other hosts: ${browser.offsite.slice(0, 5).join(', ')}`);
    });
    const bad = [...L.pagesChecked].filter(([, v]) => v.length);
    const total = L.pagesChecked.size;
    if (total > 0 && bad.length === 0) L.ok(`axe-core: zero WCAG 2.2 AA violations on every issue page visited (${total} pages)`);
    else L.notOk(`axe-core: zero WCAG 2.2 AA violations on every issue page visited (${total} pages)`,
      total === 0 ? 'no page was checked' : bad.map(([k, v]) => `${k}: ${v.map((x) => x.id).join(', ')}`).join('\n'));
  } finally {
    await browser.close();
    const code = await server.stop().catch((e) => e.message);
    const log = fs.readFileSync(serverLog, 'utf8');
    if (code === 0 && !/AddressSanitizer|LeakSanitizer|runtime error:/.test(log)) L.ok('the server stops cleanly on SIGTERM (exit 0, no sanitizer report)');
    else L.notOk('the server stops cleanly on SIGTERM (exit 0, no sanitizer report)', `exit ${code}\n${log.slice(-3000)}`);
  }
  const { passed, failed } = L.counts();
  console.log(`# issue: ${passed} passed, ${failed} failed; pages checked with axe-core: ${L.pagesChecked.size}`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  L.notOk('the browser tests run', e && e.stack ? e.stack : String(e));
  process.exitCode = 1;
});

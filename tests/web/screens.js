#!/usr/bin/env node
// tests/web/screens.js - a screenshot of each page of the web desk, for `make demo`: the desk on a
// copy of the samples (and their print queue), visited in chromium as a minute taker, a chair and an
// admin would, each page written as OUT_DIR/NN-name.png (full page, 1280 px wide). A page that
// does not answer as it should (200; 403 for a refusal, 422 for a form with errors) is listed on
// stderr and the exit code is 1; the others are still taken.
//
//   node tests/web/screens.js OUT_DIR
'use strict';

const fs = require('fs');
const path = require('path');
const L = require('./lib');
const W = require('./writeup');

const OUT = path.resolve(process.argv[2] || path.join(L.ROOT, 'out', 'web'));
const CASE = '02-review-scaling';

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true, mode: 0o700 });
  const desk = L.makeDesk(path.join(OUT, '.desk'));
  // the print queue of the samples, for the admin's pages
  const queue = path.join(desk.dir, 'queue');
  const made = L.run(['queue', desk.cases, '-o', queue, '--today', L.TODAY, '-q']);
  const server = await L.startServer(desk.cases, { extraArgs: ['-o', queue] });
  const browser = await L.launchBrowser();
  const page = await browser.context.newPage();
  const missing = [];
  let n = 0;
  const shoot = async (name, resp) => {
    n++;
    const file = path.join(OUT, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    // a page shown for a refusal (403) or for errors in a form (422) answers so on purpose
    const expected = name.includes('refused') ? 403 : name.endsWith('-error') ? 422 : 200;
    if (resp && resp.status() !== expected) missing.push(`${name}: HTTP ${resp.status()} at ${page.url()}`);
    console.log(`${file}`);
  };
  const visit = async (name, p) => shoot(name, await page.goto(`${server.url}${p}`));
  try {
    await visit('login', '/login');
    await L.login(page, server.url, 'mt');
    await shoot('cases', null);
    await visit('cases-find', '/cases?q=Hartley');
    await visit('case', `/case/${CASE}`);
    await visit('history', `/case/${CASE}/history`);
    await visit('preview', `/case/${CASE}/preview?doc=plan-copy&for=p2`);
    // Each step of a write-up, as the minute taker answers it.
    let resp = await page.goto(`${server.url}/case/${CASE}/write/start`);
    for (let i = 0; i < W.STEPS.length && resp && resp.status() === 200; i++) {
      const step = W.stepOf(page);
      if (!step) break;
      await shoot(`write-${step}`, resp);
      if (step === 'check') break;
      const fields = await W.formFields(page);
      const acts = W.decide(step, fields, W.defaultAnswers());
      for (const a of acts) {
        const sel = `[name="${a.name}"]${a.kind === 'check' || a.kind === 'radio' ? `[value="${a.value}"]` : ''}`;
        if (a.kind === 'fill') await page.fill(sel, a.value);
        else if (a.kind === 'select') await page.selectOption(sel, a.value);
        else await page.click(sel);
      }
      resp = await W.pressMouse(page, 'next');
    }
    if (!resp || resp.status() !== 200 || W.stepOf(page) !== 'check') missing.push(`the write-up: stopped at ${page.url()} (HTTP ${resp && resp.status()})`);
    // A bad date, beside its field.
    resp = await page.goto(`${server.url}/case/${CASE}/write/details`);
    if (resp.status() === 200 && (await page.$('input[name="date"]'))) {
      await page.fill('input[name="date"]', '31/02/2026');
      resp = await W.pressMouse(page, 'next');
      await shoot('write-details-error', resp);
    }
    await visit('refused', '/new');
    await browser.context.clearCookies();
    await L.login(page, server.url, 'chair');
    await visit('new-case', '/new');
    await browser.context.clearCookies();
    await L.login(page, server.url, 'admin');
    if (made.code !== 0) missing.push(`the print queue: cindoc queue exit ${made.code}`);
    await visit('queue', '/queue');
    const day = await page.$eval('main a[href^="/queue/2"]', (a) => a.getAttribute('href')).catch(() => null);
    if (day) await visit('queue-date', day);
    else missing.push('the print queue: no date listed');
  } finally {
    await browser.close();
    await server.stop().catch(() => {});
    fs.rmSync(path.join(OUT, '.desk'), { recursive: true, force: true });
  }
  for (const m of missing) console.error(`screens: ${m}`);
  process.exitCode = missing.length ? 1 : 0;
}

main().catch((e) => {
  console.error(`screens: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 1;
});

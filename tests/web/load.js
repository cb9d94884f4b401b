#!/usr/bin/env node
// tests/web/load.js - a bounded load test of the desk on 127.0.0.1: USERS minute takers each
// write up a meeting of a case of their own at the same time, while two more write up one case
// together and press Save at the same moment. Nothing may be lost: every user's meeting is in
// their case, exactly one of the two is saved and the other told the case changed (their draft
// kept), and every case file passes `cindoc check` after. Prints ok / not ok lines, and figures
// as "# " lines (time to first byte of the case list, save latency, throughput, server memory).
//
//   node tests/web/load.js [--out DIR] [--users N (default 20, at most 40)] [--limit SECONDS]
'use strict';

const fs = require('fs');
const path = require('path');
const L = require('./lib');
const { Client, parseForm, formData, writeUpHttp } = require('./http');
const { decide, defaultAnswers } = require('./writeup');

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const OUT = path.resolve(opt('--out', path.join(L.ROOT, 'tests', 'out', 't8901-web-load')));
const USERS = Math.min(40, Math.max(1, parseInt(opt('--users', '20'), 10)));
const LIMIT_S = Math.min(900, parseInt(opt('--limit', '600'), 10));
const SHARED = 'load-shared';

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN; };
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');

function memoryOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => { const m = new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s); return m ? +m[1] : NaN; };
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

// USERS cases of their own (copies of sample 02 with references of their own) and a shared one.
function makeCases(cases) {
  const src = fs.readFileSync(path.join(L.ROOT, 'samples', '02-review-scaling.xml'), 'utf8');
  const names = [];
  for (let i = 1; i <= USERS + 1; i++) {
    const name = i <= USERS ? `load-${String(i).padStart(2, '0')}` : SHARED;
    const ref = `NB-2026-${3000 + i}`;
    fs.writeFileSync(path.join(cases, `${name}.xml`), src.replace('ref="NB-2026-0142"', `ref="${ref}"`), { mode: 0o600 });
    names.push(name);
  }
  return names;
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  const deadline = setTimeout(() => {
    L.notOk(`the load test finishes within ${LIMIT_S} s`, 'stopped: over its time limit');
    process.exit(1);
  }, LIMIT_S * 1000);
  deadline.unref(); // a run that fails early ends at once, not at the deadline
  const users = [];
  for (let i = 1; i <= USERS + 2; i++) users.push([`load${String(i).padStart(2, '0')}`, 'minute-taker']);
  const desk = L.makeDesk(path.join(OUT, 'desk'), { users });
  const caseNames = makeCases(desk.cases);
  const server = await L.startServer(desk.cases, { logFile: path.join(OUT, 'server.log') });
  const figures = [];
  const fig = (s) => { figures.push(s); console.log(`# ${s}`); };
  const clients = users.map(() => new Client(server.url));

  try {
    // Sign in (four at a time: the password hash is meant to be slow).
    const t0 = Date.now();
    for (let i = 0; i < clients.length; i += 4)
      await Promise.all(clients.slice(i, i + 4).map((c, k) => c.login(users[i + k][0], L.PASSWORD)));
    L.ok(`${clients.length} users signed in (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

    // The case list, by everyone at once, three times.
    const ttfbList = [];
    for (let round = 0; round < 3; round++) {
      const rs = await Promise.all(clients.map((c) => c.request('GET', '/cases')));
      for (const r of rs) {
        if (r.status !== 200) throw new Error(`GET /cases: HTTP ${r.status}`);
        ttfbList.push(r.ttfb);
      }
    }
    L.ok(`the case list answers ${ttfbList.length} requests, ${clients.length} at a time`);
    fig(`case list, ${clients.length} users at once: time to first byte median ${f1(median(ttfbList))} ms, p95 ${f1(pct(ttfbList, 0.95))} ms (${ttfbList.length} requests)`);
    // Previews (a copy rendered as page images): five in a row, then one per user at once.
    const ttfbPreview = [];
    const previewPath = (name) => `/case/${name}/preview?doc=plan-copy&for=c1`;
    let previewBad = null;
    for (let i = 0; i < 5 && !previewBad; i++) {
      const r = await clients[0].request('GET', previewPath(caseNames[0]));
      if (r.status !== 200) previewBad = `GET ${previewPath(caseNames[0])}: HTTP ${r.status}`;
      else ttfbPreview.push(r.ttfb);
    }
    if (!previewBad) {
      const rs = await Promise.all(clients.slice(0, USERS).map((c, i) => c.request('GET', previewPath(caseNames[i]))));
      const bad = rs.filter((r) => r.status !== 200);
      if (bad.length) previewBad = `${bad.length} of ${rs.length} previews at once failed (HTTP ${bad[0].status})`;
      fig(`preview of a plan copy, ${USERS} users at once: time to first byte median ${f1(median(rs.map((r) => r.ttfb)))} ms, max ${f1(Math.max(...rs.map((r) => r.ttfb)))} ms`);
    }
    if (!previewBad) L.ok(`previews answer, one at a time and ${USERS} at once`);
    else L.notOk(`previews answer, one at a time and ${USERS} at once`, previewBad);
    fig(`preview of a plan copy, one at a time: time to first byte median ${f1(median(ttfbPreview))} ms (${ttfbPreview.length} requests)`);
    const memSessions = memoryOf(server.pid);
    fig(`server memory with ${clients.length} sessions: ${f1(memSessions.rss)} MiB resident (peak ${f1(memSessions.hwm)} MiB)`);

    // Everyone writes up a meeting at once; the last two on the shared case, saved together.
    const venues = users.map(([u]) => `Load test venue of ${u}`);
    const stepTimes = [];
    const saveMs = [];
    const t1 = Date.now();
    const own = clients.slice(0, USERS).map(async (c, i) => {
      const times = [];
      const page = await writeUpHttp(c, caseNames[i], defaultAnswers({ venue: venues[i] }), { times });
      stepTimes.push(...times.filter((t) => t.step !== 'check').map((t) => t.ms));
      saveMs.push(...times.filter((t) => t.step === 'check').map((t) => t.ms));
      return page;
    });
    // The pair: both reach "check your answers", then both press Save at the same moment.
    const pairFlow = (async () => {
      const checkPages = await Promise.all(clients.slice(USERS).map((c, k) =>
        writeUpHttp(c, SHARED, defaultAnswers({ venue: venues[USERS + k] }), { save: false })));
      return Promise.all(checkPages.map((page, k) => {
        const { fields, hidden } = parseForm(page.body);
        const body = formData(fields, hidden, decide('check', fields, defaultAnswers()), 'save');
        return clients[USERS + k].post(page.path, body);
      }));
    })();
    // All settled before anything is judged, so no write-up is left running unwatched.
    const done = await Promise.allSettled([...own, pairFlow]);
    const failedRun = done.find((r) => r.status === 'rejected');
    if (failedRun) throw failedRun.reason;
    const ownPages = done.slice(0, USERS).map((r) => r.value);
    const pairSaves = done[USERS].value;
    const wall = (Date.now() - t1) / 1000;

    // Each of the USERS saves landed in its own case, whole and valid.
    let lost = [];
    for (let i = 0; i < USERS; i++) {
      const xml = fs.readFileSync(L.caseFile(desk.cases, caseNames[i]), 'utf8');
      if (!xml.includes(venues[i])) lost.push(`${caseNames[i]} (${ownPages[i].path}, HTTP ${ownPages[i].status})`);
    }
    if (!lost.length) L.ok(`${USERS} users writing up ${USERS} cases at once: every meeting saved`);
    else L.notOk(`${USERS} users writing up ${USERS} cases at once: every meeting saved`, `missing from: ${lost.join(', ')}`);
    const hist = caseNames.slice(0, USERS).filter((n, i) => {
      const h = L.run(['history', '--format', 'tsv', L.caseFile(desk.cases, n)]);
      return !new RegExp(`\\t${users[i][0]}\\t[0-9a-f]{64}\\t\\d+\\t1$`, 'm').test(h.out);
    });
    if (!hist.length) L.ok(`each of the ${USERS} saves is in its case's history, by its user, current`);
    else L.notOk(`each of the ${USERS} saves is in its case's history, by its user, current`, hist.join(', '));

    // The shared case: exactly one of the two saved, the other refused, its draft kept.
    const sharedXml = fs.readFileSync(L.caseFile(desk.cases, SHARED), 'utf8');
    const won = [0, 1].filter((k) => sharedXml.includes(venues[USERS + k]));
    if (won.length === 1) L.ok('two saves of one case at once: exactly one is in the file');
    else L.notOk('two saves of one case at once: exactly one is in the file', `${won.length} of the two are (HTTP ${pairSaves.map((p) => p.postStatus).join(', ')})`);
    if (won.length === 1) {
      const loser = 1 - won[0];
      const lp = pairSaves[loser];
      const refused = /\/write\//.test(lp.path) && /changed|since|someone/i.test(lp.body.replace(/<[^>]*>/g, ' '));
      if (refused) L.ok('two saves of one case at once: the other is told the case changed');
      else L.notOk('two saves of one case at once: the other is told the case changed', `it ended at ${lp.path} (HTTP ${lp.status})`);
      const d = await clients[USERS + loser].get(`/case/${SHARED}/write/details`);
      if (d.status === 200 && d.body.includes(venues[USERS + loser])) L.ok('two saves of one case at once: the refused one keeps what was typed');
      else L.notOk('two saves of one case at once: the refused one keeps what was typed', `details page: HTTP ${d.status}`);
    }

    // Every case file valid; no temporary file left.
    const all = fs.readdirSync(desk.cases).filter((n) => n.endsWith('.xml')).map((n) => path.join(desk.cases, n));
    const chk = L.run(['check', ...all]);
    if (chk.code <= 1) L.ok(`all ${all.length} case files pass cindoc check after the load`);
    else L.notOk(`all ${all.length} case files pass cindoc check after the load`, chk.err.slice(0, 3000));
    const stray = fs.readdirSync(desk.cases).filter((n) => !n.endsWith('.xml') && !n.startsWith('.'));
    const tmp = fs.readdirSync(desk.cases).filter((n) => /^\.save-/.test(n));
    if (!stray.length && !tmp.length) L.ok('no temporary or stray file is left in the cases folder');
    else L.notOk('no temporary or stray file is left in the cases folder', [...stray, ...tmp].join(' '));

    const saves = saveMs.length + pairSaves.length;
    fig(`${USERS + 2} write-ups at once (${stepTimes.length + saves} form posts) in ${wall.toFixed(1)} s: ${((stepTimes.length + saves) / wall).toFixed(1)} posts/s, ${(saves / wall).toFixed(2)} saves/s`);
    fig(`step post (with its redirect): median ${f1(median(stepTimes))} ms, p95 ${f1(pct(stepTimes, 0.95))} ms`);
    fig(`save (check, write, redirect): median ${f1(median(saveMs))} ms, p95 ${f1(pct(saveMs, 0.95))} ms, max ${f1(Math.max(...saveMs))} ms`);
    const memAfter = memoryOf(server.pid);
    fig(`server memory after the load: ${f1(memAfter.rss)} MiB resident (peak ${f1(memAfter.hwm)} MiB)`);
  } catch (e) {
    L.notOk('the load test runs to the end', e && e.stack ? e.stack : String(e));
  } finally {
    const code = await server.stop().catch((e) => e.message);
    const log = server.log();
    if (code === 0 && !/AddressSanitizer|LeakSanitizer|runtime error:/.test(log)) L.ok('the server stops cleanly on SIGTERM after the load');
    else L.notOk('the server stops cleanly on SIGTERM after the load', `exit ${code}\n${log.slice(-3000)}`);
    fs.writeFileSync(path.join(OUT, 'figures.txt'), figures.join('\n') + '\n');
    clearTimeout(deadline);
  }
  fig(`load test: ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  process.exitCode = L.counts().failed ? 1 : 0;
}

main().catch((e) => {
  L.notOk('the load test runs', e && e.stack ? e.stack : String(e));
  process.exitCode = 1;
});

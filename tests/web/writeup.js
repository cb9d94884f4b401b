// tests/web/writeup.js - writing up a meeting on the desk, step by step, the way a minute taker
// does: read the form the page shows, answer each question, press Continue. The answers depend
// on the step and on the field names of gen/web/README.md, never on the case's ids (each case's
// children and people are whatever its form lists). Two ways to answer: with the mouse
// (fill, click) or with the keyboard alone (Tab, typing, Space, arrows, Enter).
'use strict';

const { assert, visited } = require('./lib');

const STEPS = ['start', 'details', 'attendance', 'views', 'discussion', 'scaling', 'plan', 'decision', 'check'];

// What a minute taker writes. Every text is invented.
function defaultAnswers(over = {}) {
  return {
    type: 'review',
    date: '28/09/2026',
    time: '10:00',
    venue: 'Eastmoor Family Hub, the garden room',
    chair: null, // an option value, or null: the first person offered
    minuteTaker: null,
    apologies: [], // ids who sent apologies (not present)
    background: 'Millie has been to school every day since the summer holidays.',
    childWords: 'Mondays are OK now. I like reading with my teacher.',
    parentWords: 'Sunday evenings are calmer at home.',
    update: 'Attendance this term is 99 per cent.',
    discussion: 'Mornings are calm and the routine chart is still used.',
    score: '8',
    reason: 'Things are going well.',
    newNeed: 'Millie joins the after-school reading club.',
    newBy: '14/12/2026',
    outcome: 'continue',
    decision: 'We agreed the plan is working and will meet again before deciding to close it.',
    nextDate: '14/12/2026',
    nextTime: '10:00',
    nextVenue: 'Eastmoor Family Hub',
    // translations of the case text into a reader's language, by field name ("parent-p1:pl"):
    // a translation field the page offers is left empty unless named here
    translations: {},
    ...over,
  };
}

// The fields of the page's write-up form: name, kind, value, checked, options, label.
async function formFields(page) {
  return page.evaluate(() => {
    const out = [];
    const form = document.querySelector('main form[method="post"]') || document.querySelector('form[method="post"]');
    if (!form) return out;
    for (const el of form.querySelectorAll('input, select, textarea')) {
      if (!el.name || el.type === 'hidden' || el.disabled) continue;
      const f = { name: el.name, tag: el.tagName.toLowerCase(), type: el.type, value: el.value, checked: !!el.checked, id: el.id };
      if (f.tag === 'select') f.options = [...el.options].map((o) => ({ value: o.value, text: o.text }));
      out.push(f);
    }
    return out;
  });
}

// What to do on a step: a list of {name, kind: fill|check|radio|select, value}.
function decide(step, fields, a) {
  const acts = [];
  const has = (n) => fields.some((f) => f.name === n);
  const field = (n) => fields.find((f) => f.name === n);
  const emptyText = (f) => (f.tag === 'textarea' || ['text', 'date', 'time', 'number', 'tel', 'email'].includes(f.type)) && f.value.trim() === '';
  const fillIfEmpty = (n, v) => { const f = field(n); if (f && emptyText(f)) acts.push({ name: n, kind: 'fill', value: v }); };
  const fill = (n, v) => { if (has(n)) acts.push({ name: n, kind: 'fill', value: v }); };
  const pick = (n, v) => {
    const f = field(n);
    if (!f) return;
    const opts = (f.options || []).filter((o) => o.value !== '');
    const want = v && opts.some((o) => o.value === v) ? v : (f.value || (opts[0] && opts[0].value));
    if (want) acts.push({ name: n, kind: 'select', value: want });
  };
  const radio = (n, v) => { if (fields.some((f) => f.name === n && f.type === 'radio' && f.value === v)) acts.push({ name: n, kind: 'radio', value: v }); };
  const ticks = (n) => fields.filter((f) => f.name === n && f.type === 'checkbox');

  switch (step) {
    case 'start':
      radio('type', a.type);
      break;
    case 'details':
      fill('date', a.date);
      fill('time', a.time);
      fill('venue', a.venue);
      // reviews are chaired by a Team Manager or Senior Practitioner (cindoc check warns otherwise)
      pick('chair', a.chair || ((field('chair') || {}).options || []).filter((o) => /Team Manager|Senior Practitioner/.test(o.text)).map((o) => o.value)[0]);
      pick('minute-taker', a.minuteTaker);
      break;
    case 'attendance':
      for (const f of ticks('present')) {
        const want = !a.apologies.includes(f.value);
        if (f.checked !== want) acts.push({ name: 'present', kind: 'check', value: f.value });
      }
      for (const f of ticks('apologies')) {
        const want = a.apologies.includes(f.value);
        if (f.checked !== want) acts.push({ name: 'apologies', kind: 'check', value: f.value });
      }
      break;
    case 'views':
      fillIfEmpty('background', a.background);
      for (const f of fields) {
        let m;
        if ((m = /^views-(.+)-given$/.exec(f.name)) && f.type === 'radio' && f.value === 'in-person' && !fields.some((g) => g.name === f.name && g.checked))
          acts.push({ name: f.name, kind: 'radio', value: 'in-person' });
        else if (f.name.includes(':')) continue; // a translation: below
        else if ((m = /^views-(.+)-words$/.exec(f.name))) fillIfEmpty(f.name, a.childWords);
        else if (/^parent-/.test(f.name)) fillIfEmpty(f.name, a.parentWords);
        else if (/^update-/.test(f.name)) fillIfEmpty(f.name, a.update);
      }
      break;
    case 'discussion':
      for (const f of fields) if (f.tag === 'textarea') fillIfEmpty(f.name, a.discussion);
      break;
    case 'scaling':
      for (const f of fields) {
        if (/^score-/.test(f.name)) fillIfEmpty(f.name, a.score);
        else if (/^reason-/.test(f.name)) fillIfEmpty(f.name, a.reason);
        else if (/^scaling-/.test(f.name)) fillIfEmpty(f.name, 'How safe and happy is Millie at home and at school?');
      }
      break;
    case 'plan':
      if (has('new-1-need')) {
        pick('new-1-child', null);
        fillIfEmpty('new-1-need', a.newNeed);
        fillIfEmpty('new-1-obstacles', 'Millie is shy in new groups.');
        fillIfEmpty('new-1-how', 'Her teacher walks her to the first session.');
        pick('new-1-who', null);
        fillIfEmpty('new-1-by', a.newBy);
        fillIfEmpty('new-1-goal', 'Millie goes to the club every week.');
      }
      break;
    case 'decision':
      radio('outcome', a.outcome);
      fillIfEmpty('decision', a.decision);
      fillIfEmpty('next-date', a.nextDate);
      fillIfEmpty('next-time', a.nextTime);
      fillIfEmpty('next-venue', a.nextVenue);
      break;
    case 'check':
      for (const f of ticks('accept-warnings')) if (!f.checked) acts.push({ name: f.name, kind: 'check', value: f.value });
      break;
    default:
      break;
  }
  for (const [n, v] of Object.entries(a.translations || {})) fillIfEmpty(n, v);
  return acts;
}

function selectorOf(act) {
  const n = `[name="${act.name}"]`;
  return act.kind === 'check' || act.kind === 'radio' ? `${n}[value="${act.value}"]` : n;
}

// ---- with the mouse

async function applyMouse(page, acts) {
  for (const act of acts) {
    const sel = selectorOf(act);
    if (act.kind === 'fill') await page.fill(sel, act.value);
    else if (act.kind === 'select') await page.selectOption(sel, act.value);
    else await page.click(sel);
  }
}

async function pressMouse(page, action) {
  const [resp] = await Promise.all([page.waitForNavigation(), page.click(`button[name="action"][value="${action}"]`)]);
  return resp;
}

// ---- with the keyboard alone: Tab to the field (as a person would, from the top), then type,
// Space or the arrow keys. The page is only read, to know where the focus is.

async function tabTo(page, sel) {
  for (let i = 0; i < 400; i++) {
    if (await page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), sel)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`the keyboard cannot reach ${sel} with Tab (400 presses)`);
}

async function applyKeyboard(page, acts) {
  for (const act of acts) {
    if (act.kind === 'radio') {
      // Tab stops at one radio of a group; the arrow keys move the choice.
      await tabTo(page, `[name="${act.name}"]`);
      for (let i = 0; i < 20; i++) {
        if (await page.evaluate((s) => document.activeElement.matches(s) && document.activeElement.checked, selectorOf(act))) break;
        await page.keyboard.press(i === 0 && !(await page.evaluate(() => document.activeElement.checked)) ? 'Space' : 'ArrowDown');
      }
      assert(await page.isChecked(selectorOf(act)), `the keyboard could not choose ${act.name}=${act.value}`);
      continue;
    }
    const sel = selectorOf(act);
    await tabTo(page, sel);
    if (act.kind === 'fill') {
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type(act.value);
    } else if (act.kind === 'check') {
      await page.keyboard.press('Space');
    } else if (act.kind === 'select') {
      const options = await page.evaluate((s) => [...document.querySelector(s).options].map((o) => o.value), sel);
      const target = options.indexOf(act.value);
      assert(target >= 0, `no option ${act.value} in ${sel}`);
      for (let i = 0; i < options.length + 2; i++) {
        const cur = await page.evaluate(() => document.activeElement.selectedIndex);
        if (cur === target) break;
        await page.keyboard.press(cur < target ? 'ArrowDown' : 'ArrowUp');
      }
      assert((await page.evaluate(() => document.activeElement.value)) === act.value, `the keyboard could not choose ${act.value} in ${sel}`);
    }
  }
}

async function pressKeyboard(page, action) {
  await tabTo(page, `button[name="action"][value="${action}"]`);
  const [resp] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  return resp;
}

// The step a write-up page is on (from its address).
function stepOf(page) {
  const m = /\/write\/([a-z-]+)/.exec(new URL(page.url()).pathname);
  return m ? m[1] : null;
}

// Writes up a meeting of `caseName` from the start step to the saved case (or, with stopAt,
// until that step is shown). Every page passes `visited` (status, no XML, axe). Returns the
// response of the last page.
async function writeUp(page, base, caseName, { answers = {}, keyboard = false, stopAt = null, beforeSave = null } = {}) {
  const a = defaultAnswers(answers);
  const apply = keyboard ? applyKeyboard : applyMouse;
  const press = keyboard ? pressKeyboard : pressMouse;
  let resp = await page.goto(`${base}/case/${caseName}/write/start`);
  await visited(page, resp);
  const seen = [];
  for (let n = 0; n < 20; n++) {
    const step = stepOf(page);
    assert(step, `left the write-up: at ${page.url()}`);
    if (step === stopAt) return resp;
    seen.push(step);
    const errors = await page.$$eval('.govuk-error-summary a', (as) => as.map((x) => x.textContent.trim()));
    assert(!errors.length || seen.filter((s) => s === step).length < 2,
      `the ${step} step keeps its errors after answering: ${errors.join('; ')}`);
    await apply(page, decide(step, await formFields(page), a));
    if (step === 'check') {
      if (beforeSave) await beforeSave();
      resp = await press(page, 'save');
      return resp;
    }
    resp = await press(page, 'next');
    await visited(page, resp);
  }
  throw new Error(`the write-up did not reach the check step: ${seen.join(' > ')}`);
}

module.exports = { STEPS, defaultAnswers, formFields, decide, writeUp, stepOf, tabTo, applyKeyboard, pressKeyboard, pressMouse };

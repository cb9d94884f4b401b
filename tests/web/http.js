// tests/web/http.js - a small HTTP client for the desk (127.0.0.1 only): a cookie jar, the
// form on a page read back into fields, and the write-up done with plain form posts (what a
// browser without JavaScript sends). For the load test.
'use strict';

const http = require('http');
const { decide } = require('./writeup');

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    return String.fromCodePoint(parseInt(k.slice(1), 10));
  });
}

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([a-zA-Z-]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1].toLowerCase()] = decodeEntities(m[3] ?? m[4] ?? m[5] ?? '');
  }
  return out;
}

// The fields of the first POST form in `html`, like writeup.formFields reads them in a browser,
// plus the hidden ones.
function parseForm(html) {
  // The page's own form, not the sign-out form of the header.
  const main = /<main\b[\s\S]*<\/main>/i.exec(html);
  const fm = /<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(main ? main[0] : html);
  if (!fm) return { fields: [], hidden: {} };
  const body = fm[1];
  const fields = [];
  const hidden = {};
  for (const m of body.matchAll(/<input\b[^>]*>/gi)) {
    const a = attrs(m[0].slice(6, -1));
    if (!a.name || 'disabled' in a) continue;
    const type = (a.type || 'text').toLowerCase();
    if (type === 'hidden') { hidden[a.name] = a.value || ''; continue; }
    if (type === 'submit' || type === 'button') continue;
    fields.push({ name: a.name, tag: 'input', type, value: a.value || (type === 'checkbox' || type === 'radio' ? 'on' : ''), checked: 'checked' in a });
  }
  for (const m of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
    const a = attrs(m[1]);
    if (a.name) fields.push({ name: a.name, tag: 'textarea', type: 'textarea', value: decodeEntities(m[2]), checked: false });
  }
  for (const m of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const a = attrs(m[1]);
    if (!a.name) continue;
    const options = [...m[2].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)].map((o) => {
      const oa = attrs(o[1]);
      return { value: oa.value ?? decodeEntities(o[2]), text: decodeEntities(o[2]).trim(), selected: 'selected' in oa };
    });
    const sel = options.find((o) => o.selected) || options[0];
    fields.push({ name: a.name, tag: 'select', type: 'select-one', value: sel ? sel.value : '', checked: false, options });
  }
  return { fields, hidden };
}

// What the browser would send: the current values, changed by the acts of writeup.decide.
function formData(fields, hidden, acts, action) {
  const single = new Map();
  const multi = new Map(); // checkbox name -> Set of values
  for (const f of fields) {
    if (f.type === 'checkbox') { if (!multi.has(f.name)) multi.set(f.name, new Set()); if (f.checked) multi.get(f.name).add(f.value); }
    else if (f.type === 'radio') { if (f.checked) single.set(f.name, f.value); }
    else single.set(f.name, f.value);
  }
  for (const a of acts) {
    if (a.kind === 'check') { const s = multi.get(a.name) || new Set(); if (s.has(a.value)) s.delete(a.value); else s.add(a.value); multi.set(a.name, s); }
    else single.set(a.name, a.value);
  }
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(hidden)) p.append(k, v);
  for (const [k, v] of single) p.append(k, v);
  for (const [k, s] of multi) for (const v of s) p.append(k, v);
  p.set('action', action);
  return p.toString();
}

class Client {
  constructor(base, { timeoutMs = 60000 } = {}) {
    this.base = new URL(base);
    if (this.base.hostname !== '127.0.0.1') throw new Error('the load test talks to 127.0.0.1 only');
    this.cookies = new Map();
    this.timeoutMs = timeoutMs;
  }

  request(method, path, body = null) {
    return new Promise((resolve, reject) => {
      const headers = {};
      if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (body !== null) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const t0 = process.hrtime.bigint();
      let ttfb = null;
      const req = http.request({ host: '127.0.0.1', port: this.base.port, method, path, headers, timeout: this.timeoutMs }, (res) => {
        ttfb = Number(process.hrtime.bigint() - t0) / 1e6;
        for (const c of [].concat(res.headers['set-cookie'] || [])) {
          const m = /^([^=;]+)=([^;]*)/.exec(c);
          if (!m) continue;
          if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(c) || m[2] === '') this.cookies.delete(m[1]);
          else this.cookies.set(m[1], m[2]);
        }
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => resolve({
          status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'),
          ttfb, ms: Number(process.hrtime.bigint() - t0) / 1e6,
        }));
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${this.timeoutMs / 1000} s`)));
      req.on('error', reject);
      if (body !== null) req.write(body);
      req.end();
    });
  }

  // GET, following redirects on this site (at most 5).
  async get(path) {
    let r;
    for (let i = 0; i < 5; i++) {
      r = await this.request('GET', path);
      if (r.status < 300 || r.status >= 400) return { ...r, path };
      path = new URL(r.headers.location, this.base).pathname + new URL(r.headers.location, this.base).search;
    }
    return { ...r, path };
  }

  // POST a form, then follow the 303 like a browser; returns the final page.
  async post(path, body) {
    const r = await this.request('POST', path, body);
    if (r.status === 303 || r.status === 302) {
      const to = new URL(r.headers.location, this.base);
      const page = await this.get(to.pathname + to.search);
      return { ...page, postStatus: r.status, postMs: r.ms };
    }
    return { ...r, path, postStatus: r.status, postMs: r.ms };
  }

  async login(user, password) {
    const page = await this.get('/login');
    const { hidden } = parseForm(page.body);
    const body = new URLSearchParams({ ...hidden, user, password, next: '/cases' }).toString();
    const r = await this.request('POST', '/login', body);
    if (r.status !== 303) throw new Error(`login ${user}: HTTP ${r.status}`);
    return r;
  }
}

// The write-up of a meeting over plain HTTP, with the answers of writeup.decide. Stops before
// the save (returns the check page) when `save` is false. Each step's POST time goes to `times`.
async function writeUpHttp(client, caseName, answers, { save = true, times = [] } = {}) {
  let page = await client.get(`/case/${caseName}/write/start`);
  for (let n = 0; n < 20; n++) {
    if (page.status !== 200) {
      const text = page.body.replace(/<script[\s\S]*?<\/script>|<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      const main = (/There is a problem(.{0,400})/.exec(text) || [null, text.slice(0, 400)])[1];
      throw new Error(`${page.path}: HTTP ${page.status}: ${main.trim()}`);
    }
    const m = /\/write\/([a-z-]+)/.exec(page.path);
    if (!m) throw new Error(`left the write-up at ${page.path}`);
    const step = m[1];
    const { fields, hidden } = parseForm(page.body);
    const acts = decide(step, fields, answers);
    if (step === 'check' && !save) return page;
    const body = formData(fields, hidden, acts, step === 'check' ? 'save' : 'next');
    const t0 = Date.now();
    page = await client.post(page.path, body);
    times.push({ step, ms: Date.now() - t0 });
    if (step === 'check') return page;
  }
  throw new Error(`${caseName}: the write-up did not reach the check step`);
}

module.exports = { Client, parseForm, formData, writeUpHttp, decodeEntities };

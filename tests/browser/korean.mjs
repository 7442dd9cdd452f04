// SPDX-License-Identifier: MIT
// Korean first, everywhere (issue 18): in headless Chromium every role logs
// in with a Korean session and walks every page it can reach — its
// navigation, the links of those pages and every GET page of the route table
// (`tandem serve --routes`, with ids from the demo store) — then every error
// path the HTTP suites exercise (bad forms, the refused win at the gate,
// bad years, imports of a CP949 file and of a broken CSV, model editor and
// what-if errors, freeze refusals, login errors, 404 and 405). A page fails
// on any English word outside the allow-list (ids, units, names, file and
// column names, formulas); the offenders are shown with the page and the
// text. The JSON API's errors with ?lang=ko and with a Korean session carry
// a Korean message. The English UI, in turn, shows no Korean outside what
// people wrote (names, titles, notes). The language switch after a POST
// leads to a GET page that shows the same thing. Prints TAP lines.
import { demoStore, startServer, pageErrors, launch, snap } from './tools/lib.mjs';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const { here, tandem, artifacts, work, db, env, t, ok, addUser } =
  demoStore('tandem-korean-', { now: '2026-11-26T09:00:00Z' });
// --- the store: the demo company, one account per role ---------------------
const roles = ['admin', 'executive', 'sales', 'operations', 'viewer'];
const person = { sales: 'P04', operations: 'P12', executive: null, admin: null, viewer: null };
for (const r of roles)
  addUser(`ko-${r}`, r, `korean-pass-${r}`, person[r]);

// What people wrote (names, titles, notes, the model's names and notes):
// Korean there is data, not UI, on an English page; English there is data
// on a Korean page (a model's description).
function csvRows(text) {
  const rows = [];
  let row = [], field = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') q = false; else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
execFileSync(tandem, ['export', '--db', db, '--out', join(work, 'csv')], { env, stdio: 'ignore' });
const dataText = new Set();
for (const f of readdirSync(join(work, 'csv')).filter((f) => f.endsWith('.csv') && f !== 'measurements.csv'))
  for (const r of csvRows(readFileSync(join(work, 'csv', f), 'utf8')).slice(1))
    for (const v of r) if (/[^\x00-\x7f]/.test(v) || / /.test(v)) dataText.add(v.replace(/\s+/g, ' ').trim());
const modelVersions = execFileSync(tandem, ['model', 'list', '--db', db], { env }).toString()
  .split('\n').slice(1).map((l) => l.split(/\s+/)[0]).filter((v) => v);
const collectStrings = (o) => {
  if (typeof o === 'string') { if (/[가-힣]/.test(o)) dataText.add(o.replace(/\s+/g, ' ').trim()); return; }
  if (o && typeof o === 'object') for (const v of Object.values(o)) collectStrings(v);
};
const modelText = new Set(), modelIds = new Set();
// SLA metric ids and their units (sec, ratio, score) as the company wrote them.
{
  const m = csvRows(readFileSync(join(work, 'csv', 'sla_metrics.csv'), 'utf8'));
  for (const r of m.slice(1)) for (const c of ['metric', 'unit']) if (r[m[0].indexOf(c)]) modelIds.add(r[m[0].indexOf(c)]);
}
const collectIds = (o) => {
  if (Array.isArray(o)) { for (const v of o) collectIds(v); return; }
  if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) { if (k === 'id' && typeof v === 'string') modelIds.add(v); else collectIds(v); }
};
for (const v of [...modelVersions, 'default']) {
  try {
    const m = JSON.parse(execFileSync(tandem, ['model', 'show', v, '--db', db], { env }).toString());
    // The model's own name and description are what people wrote.
    for (const k of ['name', 'description']) if (typeof m[k] === 'string') modelText.add(m[k]);
    collectStrings(m);
    collectIds(m);
  } catch { /* a version that does not show is no data */ }
}

// --- the server ----------------------------------------------------------------
const { server, url } = await startServer(tandem, db, env);

// The GET pages of the route table and who may open them.
const routes = execFileSync(tandem, ['serve', '--routes'], { env }).toString().trim().split('\n')
  .map((l) => l.trim().split(/\s+/)).filter((f) => f[0] === 'GET')
  .map(([, pattern, ...who]) => ({ pattern, roles: who.filter((w) => w !== '-') }))
  .filter((r) => !/^\/(api|assets)\b/.test(r.pattern));
const routeRe = (p) => new RegExp('^' + p.replace(/[.]/g, '\\.').replace(/\{[a-z]+\}/g, '[^/]+').replace(/\/\*$/, '/.+') + '$');

const browser = await launch();

async function login(role, lang = 'ko') {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
  const page = await context.newPage();
  await page.goto(`${url}/login?lang=${lang}`);
  await page.locator('input[name=name]').fill(`ko-${role}`);
  await page.locator('input[name=password]').fill(`korean-pass-${role}`);
  await page.locator('form button[type=submit]').first().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

// --- the detectors ---------------------------------------------------------------
// The text a person reads: text nodes outside code, the language switch and
// the brand; titles, labels, placeholders and button values.
async function visibleText(page) {
  return page.evaluate(() => {
    const skip = 'code, pre.json, #model-json, #change-before, #change-after, textarea, script, style, .langs, .brand, .colname, [data-i18n-skip]';
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      if (!el || el.closest(skip)) continue;
      const s = t.textContent.replace(/\s+/g, ' ').trim();
      if (s) out.push(s);
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt], input[type=submit][value]'))
      if (!el.closest('.langs, code, pre'))
        for (const a of ['title', 'aria-label', 'placeholder', 'alt', 'value'])
          if (el.getAttribute(a) && (a !== 'value' || el.type === 'submit')) out.push(el.getAttribute(a));
    const title = document.title.replace(/ — Tandem$/, '');
    if (title) out.push(title);
    return out;
  });
}

// English on a Korean page. Allowed: ids (CT01, PR44, S3.1, 2025-1),
// units and acronyms (SLA, CSV, ₩, ms), file names, column names and other
// code identifiers (snake_case, kebab-case), formulas such as linear(0.6, 1)
// and the YYYY-MM-DD formats, the account names and what people wrote. Any
// other Latin word — one is enough — is a leak.
const allowWords = new Set(['Tandem', 'English', 'SLA', 'SLAs', 'CSV', 'JSON', 'XLSX', 'UTF', 'CP949', 'ID', 'KPI', 'BPO',
  'YYYY', 'MM', 'DD', 'HH', 'Argon2id', 'CSRF', 'HTML', 'PDF', 'URL', 'API', 'AHT', 'ASA', 'FCR', 'CSAT', 'NPS',
  'IVR', 'AI', 'IT', 'CRM', 'QA', 'OJT', 'ms', 'KB', 'MB', 'GB', 'px', 'P10', 'P90', 'S', 'A', 'B', 'C', 'D',
  'K', 'N', 'n', 'Excel', 'Genesys', 'Amazon', 'Connect', 'CXone', 'UCCE', 'Zendesk', 'ServiceNow', 'NICE', 'Cisco', 'Cloud',
  'root']);  // root: the system account that ran a command (명령줄 (root))
const allowPhrases = [
  /"[a-z_]+"/g, /'[^']*'/g,                                // JSON values; what the user typed, quoted
  /^[a-z0-9-]+ — /,                                        // a format's id before its summary
  /\b[a-z_]+(?::\d+)+:/g,                                 // the place of a problem: model:1:11:
  /\b(model|draft): [a-z_]+(?:\[\d+\]|\.[a-z_]+)*:/g,       // … or a model file's key: model: grades:
  /\b(model|draft):/g,
  /\b[a-z_]+(?:\[\d+\]|\.[a-z_]+)+(?:\[\d+\]|\.[a-z_]+)*:(?=\s|$)/g,  // a JSON path: organizations[0].weight:
  /\bdocs\/[\w.-]+/g, /(?:\/[\w.{}-]+)+/g,                // docs/feeds.md, URL paths: /api/v2/…
  /\b[a-z]+[A-Z]\w*\b/g,                                  // camelCase names of other systems' fields
  /\b(linear|bands)\(/g,
  /https?:\/\/\S+/g, /\b[\w.+-]+@[\w.-]+\b/g, /\b[\w.-]+\.(csv|xlsx|json|md|html|db|txt)\b/gi,
  /\b[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)+\b/g,       // snake_case and kebab-case identifiers
  /\b[a-z]+\([^)]*\)/g,                                  // formulas: linear(0.6, 1), bands(…)
  /\b[A-Z]{1,4}[0-9][\w.-]*\b/g,                          // ids: CT01, PR44, S3.1, O2
  /\bko-(admin|executive|sales|operations|viewer)\b/g,    // the accounts of this test
  /\bYYYY(-MM(-DD)?)?\b/g, /--[a-z-]+/g, /%p\b/g,
];
let modelTextRe = null;
function englishIn(strings) {
  const bad = [];
  for (const raw of strings) {
    let s = raw;
    for (const t of modelText) if (t && s.includes(t)) s = s.split(t).join(' ');
    if (dataText.has(s.trim())) continue;
    for (const re of allowPhrases) s = s.replace(re, ' ');
    const words = s.split(/[^A-Za-z0-9]+/).filter((w) => w && /[A-Za-z]/.test(w) && !/[0-9]/.test(w));
    // All capitals are ids and acronyms (HQ, SALES, SL, TAT), but SPEC is
    // a document the user does not have.
    const leaks = words.filter((w) => !allowWords.has(w) && !modelIds.has(w) && (!/^[A-Z]+$/.test(w) || w === 'SPEC'));
    if (leaks.length) bad.push(`${leaks.join(' ')}  «${raw.slice(0, 160)}»`);
  }
  return bad;
}
// Korean on an English page, outside what people wrote.
const dataSorted = () => [...dataText].filter((t) => /[가-힣]/.test(t)).sort((a, b) => b.length - a.length);
let dataKo = null;
function koreanIn(strings) {
  dataKo = dataKo || dataSorted();
  const bad = [];
  for (const raw of strings) {
    if (!/[가-힣]/.test(raw)) continue;
    let s = raw;
    if (s === '한국어') continue;
    for (const t of dataKo) if (s.includes(t)) s = s.split(t).join(' ');
    if (/[가-힣]/.test(s)) bad.push(`${(s.match(/[가-힣][가-힣\s()·,.]*/g) || []).join(' ').trim()}  «${raw.slice(0, 160)}»`);
  }
  return bad;
}

const englishLeaks = [], koreanLeaks = [], visited = new Set(), statusOf = new Map();
async function scanKo(page, where) {
  const bad = englishIn(await visibleText(page));
  if (bad.length) englishLeaks.push(`${where}: ${[...new Set(bad)].slice(0, 8).join(' | ')}`);
  return bad;
}
async function scanEn(page, where) {
  const bad = koreanIn(await visibleText(page));
  if (bad.length) koreanLeaks.push(`${where}: ${[...new Set(bad)].slice(0, 8).join(' | ')}`);
  return bad;
}

function wanted(href) {
  if (!href.startsWith(url)) return false;
  const p = href.slice(url.length);
  return !/^\/(api|assets|logout)|[?&](format|download)=|\.(csv|xlsx|json|html)$/.test(p) && !p.startsWith('/#');
}
// One page per shape: /records/contracts/edit/CT01 and …/CT02 are one page.
function shape(path, everyCriterion = false) {
  const [p, q] = path.split('?');
  // Each criterion explains itself in its own words: one evidence page
  // each (for one role; the others see the same words).
  const ev = p.match(/^\/evidence\/[^/]+\/([a-z]+)\/([^/]+)$/);
  if (ev && everyCriterion) return `/evidence/*/${ev[1]}/${ev[2]}`;
  const keys = q ? q.split('&').map((kv) => kv.split('=')[0]).filter((k) => k !== 'lang').sort().join('&') : '';
  return p.split('/').map((s, i) => (i >= 3 || /[0-9]/.test(s) ? '*' : s)).join('/') + (keys ? `?${keys}` : '');
}
const noLang = (p) => p.replace(/([?&])lang=[a-z]+&?/, '$1').replace(/[?&]$/, '');


// Submits a form built in the current page (its CSRF token, the fields, the
// files) the way a browser does; returns the final response.
async function submit(page, path, fields = {}, files = []) {
  const token = await page.locator('input[name=csrf]').first().getAttribute('value', { timeout: 2000 }).catch(() => '');
  await page.evaluate(({ path, fields, token, nfiles }) => {
    const f = document.createElement('form');
    f.method = 'post';
    f.action = path;
    f.id = 'ko-test-form';
    if (nfiles) f.enctype = 'multipart/form-data';
    const add = (name, value) => {
      const i = document.createElement('input');
      i.type = 'hidden'; i.name = name; i.value = value;
      f.appendChild(i);
    };
    if (token && !('csrf' in fields)) add('csrf', token);
    for (const [k, v] of Object.entries(fields)) add(k, v);
    for (let i = 0; i < nfiles; i++) {
      const inp = document.createElement('input');
      inp.type = 'file'; inp.id = `ko-test-file-${i}`;
      f.appendChild(inp);
    }
    document.body.appendChild(f);
  }, { path, fields, token, nfiles: files.length });
  for (let i = 0; i < files.length; i++) {
    await page.evaluate(([i, name]) => { document.getElementById(`ko-test-file-${i}`).name = name; }, [i, files[i].field]);
    await page.setInputFiles(`#ko-test-file-${i}`, { name: files[i].name, mimeType: files[i].type || 'text/csv', buffer: files[i].buffer });
  }
  try {
    const [resp] = await Promise.all([page.waitForNavigation({ timeout: 15000 }),
      page.evaluate(() => document.getElementById('ko-test-form').submit())]);
    return resp;
  } catch (e) {
    console.log(`# no answer to POST ${path}: ${String(e).split('\n')[0]}`);
    return null;
  }
}

// An import job's page once the job has finished (the page refreshes
// itself while it runs).
async function finishedJob(page, path) {
  let resp;
  for (let i = 0; i < 40; i++) {
    resp = await page.goto(url + path);
    if (!resp.headers()['refresh']) break;
    await page.waitForTimeout(250);
  }
  return resp;
}

const errorPaths = [];
async function errorPath(page, name, resp, expect) {
  const status = resp ? resp.status() : 0;
  const bad = await scanKo(page, `error path ${name} (${status})`);
  errorPaths.push({ name, status, expect, bad: bad.length });
  await snap(page, { path: join(artifacts, `korean-${name}.png`), fullPage: true });
}

// --- ids from the demo store for the route table's patterns --------------------
const sample = {
  '/changes/{id}': [], '/contracts/{id}': ['/contracts/CT01', '/contracts/CT16'],
  '/evidence/{id}/{org}/{criterion}': [...modelIds].filter((c) => /^[SO][0-9]\.[0-9]$/.test(c)).sort()
    .map((c) => (c[0] === 'S' ? `/evidence/CT16/sales/${c}?year=2025` : `/evidence/CT01/operations/${c}?year=2025`)),
  '/frozen': ['/frozen?year=2025', '/frozen?year=2024'], '/import/jobs/{id}': [],
  '/models/diff': [`/models/diff?a=${modelVersions[0]}&b=${modelVersions[modelVersions.length - 1]}`],
  '/models/edit': ['/models/edit', '/models/edit?calibrate=2026'],
  '/models/{version}': modelVersions.map((v) => `/models/${v}`),
  '/proposals/{id}': ['/proposals/PR44', '/proposals/PR40', '/proposals/PR01'],
  '/records/{kind}': [], '/records/{kind}/edit/*': [], '/records/{kind}/new': [],
  '/scores/{subject}/{id}': [], '/alerts': ['/alerts', '/alerts?as_of=2025-12-31'],
  '/credits': ['/credits', '/credits?year=2025'], '/cycle': ['/cycle'], '/scores': ['/scores?year=2025&org=sales', '/scores?year=2025&org=operations'],
};

try {
  // --- a proposed change (/changes/{id}) and an import job (/import/jobs/{id}) ---
  const setup = await login('sales');
  const csrf = async (page) => page.locator('input[name=csrf]').first().getAttribute('value');
  // A salesperson corrects a contract they own: a proposed change.
  const own = readFileSync(join(work, 'csv', 'contracts.csv'), 'utf8').split('\n').find((l) => l.includes(',P04,'));
  const ownId = own.split(',')[0];
  await setup.goto(`${url}/records/contracts/edit/${ownId}`);
  await setup.locator('#f-annual_value').fill('1234567000');
  await setup.locator('form.record-form button[type=submit]').click();
  await setup.waitForLoadState();
  const changes = await setup.request.get(`${url}/api/v1/changes`);
  const changeIds = ((await changes.json()).changes || []).map((c) => c.id);
  ok(changeIds.length >= 1, 'korean-setup-proposed-change', await changes.text());
  sample['/changes/{id}'] = changeIds.slice(0, 1).map((id) => `/changes/${id}`);
  await setup.context().close();


  // Imports: a CP949 file (what Korean Excel saves) and a broken CSV; their
  // job pages are error paths, and /import/jobs/{id} a page of the walk.
  const admin0 = await login('admin');
  await admin0.goto(`${url}/import`);
  const cp949 = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP949'], { input: 'id,name,industry,referred_by\nCL90,한글고객사,telecom,\n' });
  // Read as UTF-8 on purpose (the page detects CP949 by itself): the
  // encoding error is the path walked.
  let r = await submit(admin0, '/import', { encoding: 'utf-8' }, [{ field: 'files', name: 'clients.csv', buffer: cp949 }]);
  const cpJob = new URL(admin0.url()).pathname;
  r = await finishedJob(admin0, cpJob);
  await errorPath(admin0, 'import-cp949', r, 422);
  ok(await admin0.locator('main').textContent().then((t) => /CP949|EUC-KR|인코딩|UTF-8/.test(t)), 'korean-import-cp949-says-encoding');
  await admin0.goto(`${url}/import`);
  r = await submit(admin0, '/import', {}, [{ field: 'files', name: 'contracts.csv', buffer: Buffer.from('id,client_id,annual_value\n"CT90,CL01,12\nCT91,CL01,abc\n') }]);
  const brokenJob = new URL(admin0.url()).pathname;
  r = await finishedJob(admin0, brokenJob);
  await errorPath(admin0, 'import-broken-csv', r, 422);
  await admin0.goto(`${url}/import`);
  r = await submit(admin0, '/import', { x: '1' });
  await errorPath(admin0, 'import-no-files', r, 422);
  sample['/import/jobs/{id}'] = [cpJob];
  await admin0.context().close();

  // --- every page, every role, Korean session then English --------------------
  for (const role of process.env.KOREAN_SKIP_WALK ? [] : roles) {
    const page = await login(role);
    // One page per shape, in the order found: the navigation, the route
    // table and the samples (depth 0), then the links of those pages two
    // levels deep. Each is opened once in Korean, scanned, and its links
    // followed while it is open.
    const seen = new Map(), queue = [];
    const add = (p, depth) => {
      const k = shape(p, role === 'admin');
      if (!seen.has(k)) { seen.set(k, p); queue.push([p, depth]); }
    };
    await page.goto(`${url}/`);
    const nav = await page.$$eval('header nav a[href]', (as) => as.map((a) => new URL(a.getAttribute('href'), location.href).href));
    for (const h of nav) if (wanted(h)) add(noLang(h.slice(url.length)), 0);
    for (const r of routes) {
      if (!r.roles.includes(role)) continue;
      if (!r.pattern.includes('{') && !r.pattern.includes('*') && r.pattern !== '/login') add(r.pattern, 0);
      for (const p of sample[r.pattern] || []) add(p, 0);
    }
    if (role === 'admin') {
      // The detectors find what they look for: English on the English
      // dashboard, Korean on the Korean one.
      await page.goto(`${url}/?lang=en`);
      const en = englishIn(await visibleText(page));
      await page.goto(`${url}/?lang=ko`);
      const ko = koreanIn(await visibleText(page));
      ok(en.length >= 5 && ko.length >= 5, 'korean-detectors-find-the-other-language', `${en.length} English, ${ko.length} Korean`);
    }
    for (let i = 0; i < queue.length; i++) {
      const [p, depth] = queue[i];
      const resp = await page.goto(url + p);
      visited.add(p);
      statusOf.set(`${role} ${p}`, resp ? resp.status() : 0);
      await scanKo(page, `${role} ${p}`);
      if (depth < 2) {
        const links = await page.$$eval('main a[href]', (as) => as.map((a) => new URL(a.getAttribute('href'), location.href).href));
        for (const l of links) if (wanted(l)) add(noLang(l.slice(url.length)), depth + 1);
      }
    }
    // The same pages in English: no Korean outside what people wrote.
    await page.goto(`${url}/?lang=en`);
    for (const p of seen.values()) {
      await page.goto(url + p);
      await scanEn(page, `${role} ${p} (en)`);
    }
    await page.goto(`${url}/?lang=ko`);
    await page.context().close();
  }

  // --- every error path of the suites, in Korean -----------------------------
  const contractsCsv = csvRows(readFileSync(join(work, 'csv', 'contracts.csv'), 'utf8'));
  const ex = csvRows(readFileSync(join(work, 'csv', 'expansions.csv'), 'utf8'));
  const exHead = ex[0], ex2025 = ex.slice(1).find((x) => x[exHead.indexOf('date')].startsWith('2025'));
  {
    const page = await login('admin');
    let r;
    r = await page.goto(`${url}/no-such-page`); await errorPath(page, '404-page', r, 404);
    r = await page.goto(`${url}/scores/contract/NOPE?year=2025`); await errorPath(page, '404-scorecard', r, 404);
    r = await page.goto(`${url}/models/nope`); await errorPath(page, '404-model', r, 404);
    r = await page.goto(`${url}/contracts/NOPE`); await errorPath(page, '404-contract', r, 404);
    r = await page.goto(`${url}/proposals/NOPE`); await errorPath(page, '404-proposal', r, 404);
    r = await page.goto(`${url}/records/nokind`); await errorPath(page, '404-kind', r, 404);
    r = await page.goto(`${url}/records/contracts/edit/NOPE`); await errorPath(page, '404-record', r, 404);
    r = await page.goto(`${url}/frozen?year=2024`); await errorPath(page, 'verify-not-frozen', r, 404);
    r = await page.goto(`${url}/proposals/PR44/win`); await errorPath(page, '405-get-of-post', r, 405);
    r = await page.goto(`${url}/alerts?as_of=2025-02-30`); await errorPath(page, 'bad-date-alerts', r, 400);
    r = await page.goto(`${url}/credits?year=x`); await errorPath(page, 'bad-year-credits', r, 400);
    r = await page.goto(`${url}/cycle?from=2026&to=2020`); await errorPath(page, 'bad-years-cycle', r, 400);
    r = await page.goto(`${url}/?year=1999`); await errorPath(page, 'empty-year-dashboard', r, 200);
    r = await page.goto(`${url}/scores?year=1999`); await errorPath(page, 'empty-year-scores', r, 200);
    r = await page.goto(`${url}/models/edit?calibrate=20x6`); await errorPath(page, 'bad-year-calibrate', r, 422);
    // A record form with every kind of error at once.
    await page.goto(`${url}/records/contracts/new`);
    await page.locator('#f-annual_value').fill('4억5천마');
    await page.locator('#f-signed_on').fill('2025-02-30');
    [r] = await Promise.all([page.waitForNavigation(), page.locator('form.record-form button[type=submit]').click()]);
    await errorPath(page, 'record-form-errors', r, 422);
    await page.goto(`${url}/records/clients/new`);
    r = await submit(page, '/records/clients', { id: 'CL01', name: 'x', industry: 'nonsense', referred_by: 'ZZ' });
    await errorPath(page, 'record-form-exists-bad-enum-ref', r, 409);
    await page.goto(`${url}/records/proposals/new`);
    r = await submit(page, '/records/proposals', { id: 'PR900', client_id: '오현우', origin: 'nobody', status: 'review', proposed_on: '2026-13-01', annual_value: '-5' });
    await errorPath(page, 'record-form-proposal', r, 422);
    await page.goto(`${url}/records/measurements/new`);
    r = await submit(page, '/records/measurements', { contract_id: 'CT01', metric: 'NOPE', date: '2025-01-01', numerator: '1', denominator: '0' });
    await errorPath(page, 'record-form-measurement', r, 422);
    // Models: an invalid model file, a what-if without a draft, a bad what-if file.
    await page.goto(`${url}/models`);
    r = await submit(page, '/models', { year: '2026' }, [{ field: 'model', name: 'bad.json', type: 'application/json', buffer: Buffer.from('{"broken": ') }]);
    await errorPath(page, 'model-import-invalid', r, 422);
    await page.goto(`${url}/models`);
    r = await submit(page, '/models', { year: '2026' }, [{ field: 'model', name: 'bad.json', type: 'application/json', buffer: Buffer.from('{"format": 1, "name": "x", "organizations": []}') }]);
    await errorPath(page, 'model-import-incomplete', r, 422);
    await page.goto(`${url}/models`);
    r = await submit(page, '/models/whatif', { stored: '', year: '2025' });
    await errorPath(page, 'whatif-no-draft', r, 422);
    await page.goto(`${url}/models`);
    r = await submit(page, '/models/whatif', { stored: '', year: '2025' }, [{ field: 'model', name: 'w.json', type: 'application/json', buffer: Buffer.from('[1, 2') }]);
    await errorPath(page, 'whatif-bad-file', r, 422);
    await page.goto(`${url}/models`);
    r = await submit(page, '/models/whatif', { stored: modelVersions[0], year: '12' });
    await errorPath(page, 'whatif-bad-year', r, 422);
    // Activation by an admin; alerts; feeds; users; a forged form.
    await page.goto(`${url}/models`);
    r = await submit(page, `/models/${modelVersions[0]}/activate`, { confirm: 'yes' });
    await errorPath(page, 'activate-admin-403', r, 403);
    await page.goto(`${url}/feeds`);
    r = await submit(page, '/feeds', { format: 'avaya', map: 'nothing' }, [{ field: 'files', name: 'q.json', type: 'application/json', buffer: Buffer.from('{}') }]);
    await errorPath(page, 'feeds-unknown-format', r, 400);
    await page.goto(`${url}/feeds`);
    r = await submit(page, '/feeds', { format: 'genesys-aggregates', map: 'nothing' }, [{ field: 'files', name: 'q.json', type: 'application/json', buffer: Buffer.from('{}') }]);
    await errorPath(page, 'feeds-unknown-map', r, 400);
    await page.goto(`${url}/feeds`);
    r = await submit(page, '/feeds/maps', { name: 'other', body: '{"timezone": "Asia/Seoul", "queues": [{"source_id": "q", "contract_id": "K1", "metrics": {"SL": "service_levels"}}]}' });
    await errorPath(page, 'feeds-map-save-invalid', r, 422);
    await page.goto(`${url}/users`);
    r = await submit(page, '/users', { name: 'bad name!', role: 'boss', person_id: 'NOPE' });
    await errorPath(page, 'users-create-invalid', r, 422);
    await page.goto(`${url}/users`);
    r = await submit(page, '/users', { name: 'ko-viewer', role: 'viewer' });
    await errorPath(page, 'users-create-exists', r, 409);
    await page.goto(`${url}/records/contracts/new`);
    r = await submit(page, '/records/contracts', { csrf: 'forged', id: 'CT99' });
    await errorPath(page, 'csrf-forged-403', r, 403);
    await page.context().close();
  }
  {
    const page = await login('executive');
    let r;
    // The refused win at the gate, a blank override, freezing.
    await page.goto(`${url}/proposals/PR44`);
    r = await submit(page, '/proposals/PR44/win');
    await errorPath(page, 'gate-refused-win', r, 409);
    // The language switch after a POST leads to a GET page showing the same.
    const [sw] = await Promise.all([page.waitForNavigation(), page.locator('.langs a[lang=en]').click()]);
    ok(sw.status() === 200 && new URL(page.url()).pathname === '/proposals/PR44' &&
      await page.locator('html').getAttribute('lang') === 'en', 'korean-switch-after-refused-win', `${sw.status()} ${page.url()}`);
    await page.goto(`${url}/proposals/PR44?lang=ko`);
    r = await submit(page, '/proposals/PR44/override', { reason: ' ' });
    await errorPath(page, 'override-blank', r, 422);
    await page.goto(`${url}/models`);
    r = await submit(page, '/models/whatif', { stored: modelVersions[0], year: '2025' });
    ok(r.status() === 200, 'korean-whatif-ran', String(r.status()));
    await scanKo(page, 'what-if result');
    const [sw2] = await Promise.all([page.waitForNavigation(), page.locator('.langs a[lang=en]').click()]);
    ok(sw2.status() === 200 && new URL(page.url()).pathname === '/models' &&
      await page.locator('html').getAttribute('lang') === 'en', 'korean-switch-after-whatif', `${sw2.status()} ${page.url()}`);
    await page.goto(`${url}/models?lang=ko`);
    r = await submit(page, '/frozen', { year: '2026', confirm: '1' });
    await errorPath(page, 'freeze-unfinished-one-confirm', r, 422);
    await page.goto(`${url}/models`);
    r = await submit(page, '/frozen', { year: '2025', confirm: '1' });
    ok(r.status() === 200, 'korean-freeze-2025', String(r.status()));
    await scanKo(page, 'freeze done');
    await page.goto(`${url}/models`);
    r = await submit(page, '/frozen', { year: '2025', confirm: '1' });
    await errorPath(page, 'freeze-twice', r, 409);
    r = await page.goto(`${url}/frozen?year=2025`);
    await scanKo(page, 'verify frozen 2025');
    await page.goto(`${url}/models`);
    r = await submit(page, `/models/${modelVersions[0]}/activate`, {});
    await errorPath(page, 'activate-unconfirmed', r, 422);
    // A correction of the frozen year without a reason.
    {
      const key = ['contract_id', 'date', 'kind'].map((c) => encodeURIComponent(ex2025[exHead.indexOf(c)])).join('/');
      await page.goto(`${url}/records/expansions/edit/${key}`);
      const fields = Object.fromEntries(exHead.map((h, i) => [h, ex2025[i]]));
      fields.added_annual_value = '1000';
      r = await submit(page, `/records/expansions/edit/${key}`, fields);
      await errorPath(page, 'closed-year-correction', r, 409);
    }
    // The model editor: every error at once.
    await page.goto(`${url}/models/edit`);
    const edFields = await page.evaluate(() => {
      const f = document.querySelector('input[name="cw:S1"]').form;
      return Object.fromEntries([...new FormData(f)].filter(([, v]) => typeof v === 'string'));
    });
    Object.assign(edFields, { version: 'bad', note: '', year: '2026', 'cw:S1': 'abc', 'kw:S1.2': '0' });
    delete edFields.csrf;
    r = await submit(page, '/models/edit', edFields);
    await errorPath(page, 'model-editor-errors', r, 422);
    // A record form POST with errors, then the language switch.
    await page.goto(`${url}/records/contracts/new`);
    await page.locator('#f-annual_value').fill('12');
    await page.locator('#f-signed_on').fill('2025-02-30');
    [r] = await Promise.all([page.waitForNavigation(), page.locator('form.record-form button[type=submit]').click()]);
    const [sw3] = await Promise.all([page.waitForNavigation(), page.locator('.langs a[lang=en]').click()]);
    ok(sw3.status() === 200 && new URL(page.url()).pathname === '/records/contracts/new',
      'korean-switch-after-form-error', `${sw3.status()} ${page.url()}`);
    await page.context().close();
  }
  {
    const page = await login('operations');
    let r;
    await page.goto(`${url}/proposals/PR44`);
    r = await submit(page, '/proposals/PR44/override', { reason: 'x' });
    await errorPath(page, 'override-operations-403', r, 403);
    r = await submit(page, '/proposals/PR99/review', { reviewed_on: '2026-02-01', reviewer: 'P12', verdict: 'feasible' });
    await errorPath(page, 'review-missing-proposal', r, 404);
    await page.goto(`${url}/proposals/PR44`);
    r = await submit(page, '/proposals/PR44/review', { reviewed_on: '2026-02-11', reviewer: 'P12', verdict: 'maybe', predicted_attainment: '높음', conditions: '교육 4주' });
    await errorPath(page, 'review-refused', r, 422);
    await page.goto(`${url}/proposals/PR44`);
    r = await submit(page, '/proposals/PR44/review', { reviewed_on: '2026-02-11', reviewer: 'P16', verdict: 'feasible' });
    await errorPath(page, 'review-as-other', r, 403);
    await page.goto(`${url}/alerts`);
    r = await submit(page, '/alerts/ack', { contract: 'CT01', rule: 'sla_missed', as_of: '2025-12-31', note: '' });
    await errorPath(page, 'alert-ack-empty-note', r, 422);
    await page.goto(`${url}/records/sla_metrics/new`);
    r = await submit(page, '/records/sla_metrics', { contract_id: 'CT01', metric: 'X1', name: 'x', direction: 'higher', target: '0.5' });
    await errorPath(page, 'record-form-forbidden', r, 403);
    await page.goto(`${url}/changes`);
    r = await submit(page, '/changes/999/confirm', {});
    await errorPath(page, 'change-missing', r, 404);
    await page.context().close();
  }
  {
    const page = await login('viewer');
    let r;
    r = await page.goto(`${url}/users`); await errorPath(page, 'forbidden-users', r, 403);
    r = await page.goto(`${url}/models/edit`); await errorPath(page, 'forbidden-editor', r, 403);
    r = await page.goto(`${url}/feeds`); await errorPath(page, 'forbidden-feeds', r, 403);
    r = await page.goto(`${url}/import`); await errorPath(page, 'forbidden-import', r, 403);
    r = await page.goto(`${url}/records/contracts/new`); await errorPath(page, 'forbidden-record-form', r, 403);
    await page.goto(`${url}/models`);
    r = await submit(page, '/frozen', { year: '2025', confirm: '1' });
    await errorPath(page, 'freeze-viewer-403', r, 403);
    await page.context().close();
  }
  {
    // Logins refused, in Korean, before any session.
    const context = await browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    for (const [name, who, pass] of [['login-wrong-password', 'ko-admin', 'wrong-password'],
      ['login-unknown-user', 'nobody-at-all', 'whatever-password'], ['login-malformed-name', 'bad name!', 'whatever-password']]) {
      await page.goto(`${url}/login?lang=ko`);
      await page.locator('input[name=name]').fill(who);
      await page.locator('input[name=password]').fill(pass);
      const [r] = await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').first().click()]);
      await errorPath(page, name, r, 401);
    }
    const r = await page.goto(`${url}/scores`);
    await errorPath(page, 'login-needed', r, 200);
    await context.close();
  }
  const notError = errorPaths.filter((e) => e.status !== e.expect);
  ok(errorPaths.length >= 50 && notError.length === 0, 'korean-error-paths-answered-as-the-suites-say',
    `${errorPaths.length} paths; ` + notError.map((e) => `${e.name}: ${e.status} (expected ${e.expect})`).join('\n'));
  console.log(`# error paths walked: ${errorPaths.length}`);

  // --- the JSON API's errors: a code and a Korean message ---------------------
  {
    const apiBad = [];
    const page = await login('executive');
    const me = await (await page.request.get(`${url}/api/v1/me`)).json();
    const h = { 'X-CSRF-Token': me.csrf, 'Content-Type': 'application/json' };
    const calls = [
      ['GET', '/api/v1/proposals/NOPE', null, 404], ['GET', '/api/v1/scores?year=abc', null, 400],
      ['GET', '/api/v1/records/nokind', null, 404], ['GET', '/api/v1/models/nope', null, 404],
      ['GET', '/api/v1/frozen/2024', null, 404], ['GET', '/api/v1/alerts?as_of=2025-02-30', null, 400],
      ['POST', '/api/v1/proposals/PR44/win', null, 409], ['POST', '/api/v1/proposals/PR44/override', '{"reason":" "}', 422],
      ['POST', '/api/v1/records/contracts', '{"id":"CT95","client_id":"CL01","annual_value":"4억","signed_on":"2025-02-30"}', 422],
      ['POST', '/api/v1/records/contracts', '{"id":"CT01","client_id":"CL01"}', 409],
      ['POST', '/api/v1/frozen/2025', null, 409], ['GET', '/api/v1/frozen/abc', null, 404],
      ['POST', '/api/v1/models/whatif?year=2025', '[1,', 422], ['DELETE', '/api/v1/proposals/PR44', null, 405],
      ['POST', '/api/v1/models/nope/activate', null, 404], ['GET', '/api/v1/no-such-thing', null, 404],
      ['POST', '/api/v1/proposals/PR99/review', '{"reviewed_on":"2026-02-01","reviewer":"P12","verdict":"feasible"}', 403],
      ['POST', '/api/v1/proposals/PR01/lose', '{}', 409], ['POST', '/api/v1/proposals/PR01/win', null, 409],
    ];
    for (const sess of ['?lang=ko', 'session']) {
      for (const [method, path, body, expect] of calls) {
        const p = sess === 'session' ? path : path + (path.includes('?') ? '&' : '?') + 'lang=ko';
        const r = await page.request.fetch(url + p, { method, headers: h, data: body ?? undefined, failOnStatusCode: false });
        let j = {};
        try { j = await r.json(); } catch { /* not JSON */ }
        const msgBad = englishIn([j.message || '']);
        if (r.status() !== expect || !j.code || !/[가-힣]/.test(j.message || '') || msgBad.length)
          apiBad.push(`${sess} ${method} ${p} → ${r.status()} (expected ${expect}) ${JSON.stringify(j).slice(0, 300)}`);
      }
    }
    // The same errors asked in English carry no Korean (outside the values
    // the request sent, quoted).
    const enBad = [];
    for (const [method, path, body] of calls) {
      const p = path + (path.includes('?') ? '&' : '?') + 'lang=en';
      const r = await page.request.fetch(url + p, { method, headers: h, data: body ?? undefined, failOnStatusCode: false });
      let j = {};
      try { j = await r.json(); } catch { /* not JSON */ }
      if (!j.message || /[가-힣]/.test(j.message.replace(/'[^']*'/g, '')))
        enBad.push(`${method} ${p} → ${r.status()} ${JSON.stringify(j).slice(0, 300)}`);
    }
    await page.goto(`${url}/?lang=ko`);
    await page.context().close();
    ok(apiBad.length === 0, 'korean-api-errors-code-and-korean-message', apiBad.join('\n'));
    ok(enBad.length === 0, 'english-api-errors-no-korean', enBad.join('\n'));
  }

  // Not walked yet, said here and in the output: a feed job's page needs a
  // stored feed map and a feed file the demo does not have (branch feed
  // landed it while this walk was being finished).
  const notYet = new Set(['/feeds/jobs/{id}']);
  for (const p of notYet) console.log(`# not walked yet: ${p}`);
  const unvisited = routes.filter((r) => r.pattern !== '/login' && !notYet.has(r.pattern) &&
    ![...visited].some((p) => routeRe(r.pattern).test(p.split('?')[0])));
  ok(unvisited.length === 0, 'korean-every-get-route-walked', unvisited.map((r) => r.pattern).join(' '));
  const broken = [...statusOf].filter(([, s]) => s >= 500 || s === 0);
  ok(broken.length === 0, 'korean-walk-no-server-error', broken.map(([k, s]) => `${k} → ${s}`).join('\n'));
  console.log(`# pages walked: ${visited.size} (${statusOf.size} visits per language)`);

  ok(englishLeaks.length === 0, 'korean-pages-no-english', englishLeaks.join('\n'));
  ok(koreanLeaks.length === 0, 'english-pages-no-korean', koreanLeaks.join('\n'));
} catch (e) {
  ok(false, 'korean-unexpected-error', String(e.stack || e).split('\n').slice(0, 4).join('\n'));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = t.failed ? 1 : 0;

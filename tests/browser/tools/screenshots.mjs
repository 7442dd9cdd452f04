// SPDX-License-Identifier: MIT
// The screenshots of docs/user-guide.md: the demo company, as of
// 2026-11-26, each page in Korean and English at 390×844 (a phone) and
// 1366×768, as JPEG (quality 55; at most 2000 px tall on a phone, 1400 on a desktop) into
// docs/screenshots/. Not a test (tests/run_all.sh runs tests/browser/*.mjs
// only). Run: TANDEM=build/tandem node tests/browser/tools/screenshots.mjs
// (SHOTS_TYPE=png SHOTS_DIR=/tmp/x to look at them as PNG).
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeDraftK2 } from './lib.mjs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const top = join(here, '..', '..', '..');
const tandem = process.env.TANDEM || join(top, 'build', 'tandem');
const out = process.env.SHOTS_DIR || join(top, 'docs', 'screenshots');
const type = process.env.SHOTS_TYPE || 'jpeg';      // png to look at them in a PNG-only viewer
const work = mkdtempSync(join(tmpdir(), 'tandem-shots-'));
const db = join(work, 'demo.db');
const env = { ...process.env, TANDEM_FAST_HASH: '1', TANDEM_NOW: '2026-11-26T09:00:00Z' };
execFileSync(tandem, ['demo', '--no-serve', '--db', db], { env, stdio: 'ignore' });
for (const [name, role, person] of [['kim', 'admin'], ['lee', 'executive'], ['park', 'sales', 'P05']])
  execFileSync(tandem, ['user', 'add', name, '--role', role, ...(person ? ['--person', person] : []),
    '--password-stdin', '--db', db], { env, input: `shots-pass-${name}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
// A closed year, so that "verify a frozen year" has something to verify.
execFileSync(tandem, ['freeze', '--year', '2025', '--db', db], { env, stdio: 'ignore' });
// A draft model (stabilization run of 2 months instead of 3) for the
// diff and the what-if.
const draftFile = writeDraftK2(tandem, db, env, work);
// A small clients file for the import preview: one new client, one changed.
const clientsFile = join(work, 'clients.csv');
writeFileSync(clientsFile, 'id,name,industry,referred_by\nCL01,누리온텔레콤,통신,\nCNEW,새벽물류,물류,\n');
let changeId = null;
const server = spawn(tandem, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--quiet'],
  { env, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  let o = '';
  server.stdout.on('data', (d) => { o += d; const m = o.match(/listening on (http:\/\/\S+)/); if (m) resolve(m[1]); });
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });

async function session(name) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  await page.goto(`${url}/login`);
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=password]').fill(`shots-pass-${name}`);
  await page.locator('form button[type=submit]').first().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

// name, user, how to get there (a path, or a function of page and lang)
const shots = [
  ['login', null, '/login'],
  ['dashboard', 'kim', '/'],
  ['alerts', 'kim', '/alerts'],
  ['scorecards', 'kim', '/scores'],
  ['organization', 'kim', '/scores/company/company?org=sales'],
  ['org-unit', 'kim', '/scores/org_unit/SALES-1?org=sales'],
  ['person', 'kim', '/scores/person/P05?org=sales'],
  ['contract-scorecard', 'kim', '/scores/contract/CT16?org=sales'],
  ['evidence', 'kim', '/evidence/CT16/sales/S1.1?year=2025'],
  ['sorted-filtered', 'kim', '/scores/org_unit/SALES-2?org=sales&contracts_sort=total&contracts_dir=asc&contracts_q=CT2'],
  ['contract', 'kim', '/contracts/CT10'],
  ['cycle', 'kim', '/cycle'],
  ['form-errors', 'kim', async (page, lang) => {
    await page.goto(`${url}/records/contracts/new?lang=${lang}`);
    await page.locator('#f-client_id').fill('C01');
    await page.locator('#f-annual_value').fill('4억5천마');
    await page.locator('#f-signed_on').fill('2025-02-30');
    await page.locator('form.record-form button[type=submit]').click();
    await page.waitForSelector('.field-error');
  }],
  // The gate is shut: "Mark won" is disabled, with the reason beside it.
  ['proposal-gate', 'kim', '/proposals/PR44'],
  ['me', 'park', '/me'],
  ['records-index', 'kim', '/records'],
  ['records', 'kim', '/records/contracts'],
  ['record-new', 'kim', '/records/contracts/new'],
  ['record-edit', 'kim', '/records/contracts/edit/CT10'],
  // A salesperson lowers the SL target of a contract of theirs: a proposed
  // change, waiting for operations (made once, then its page).
  ['change', 'park', async (page, lang) => {
    if (!changeId) {
      await page.goto(`${url}/records/sla_metrics/edit/CT16/SL?lang=${lang}`);
      await page.locator('#f-target').fill('0.75');
      await page.locator('#f-reason').fill('고객사와 QBR에서 목표 조정 합의');
      await page.locator('form.record-form button[type=submit]').click();
      await page.waitForURL(/\/changes\?proposed=/);
      changeId = new URL(page.url()).searchParams.get('proposed');
    }
    await page.goto(`${url}/changes/${changeId}?lang=${lang}`);
  }],
  ['audit', 'kim', '/audit'],
  ['users', 'kim', '/users'],
  ['proposals', 'kim', '/proposals'],
  ['proposal', 'kim', '/proposals/PR01'],
  ['changes', 'kim', '/changes'],
  ['credits', 'kim', '/credits'],
  ['promises', 'kim', '/promises'],
  ['import', 'kim', '/import'],
  // A file checked before it is imported: the job's page with its preview.
  ['import-job', 'kim', async (page, lang) => {
    await page.goto(`${url}/import?lang=${lang}`);
    await page.locator('input[type=file]').first().setInputFiles(clientsFile);
    await page.locator('form:has(input[type=file]) button[type=submit]').first().click();
    await page.waitForURL(/\/import\/jobs\/\d+/);
    await page.waitForSelector('#preview, .preview, table', { timeout: 20000 });
  }],
  ['feeds', 'kim', '/feeds'],
  ['models', 'lee', '/models'],
  ['model', 'lee', '/models/2025-1'],
  ['model-edit', 'lee', '/models/edit?from=2025-1'],
  ['models-diff', 'lee', async (page, lang) => {
    await page.goto(`${url}/models?lang=${lang}`);
    if (!(await page.locator('#model-list a[href*="draft-k2"]').count())) {
      await page.locator('#import-file').setInputFiles(draftFile);
      await page.locator('#import-year').fill('2026');
      await page.locator('#import-version').fill('draft-k2');
      await page.locator('#import-version').press('Enter');
      await page.waitForURL(/\/models\/draft-k2/);
    }
    await page.goto(`${url}/models/diff?a=default&b=draft-k2&lang=${lang}`);
  }],
  ['whatif', 'lee', async (page, lang) => {
    await page.goto(`${url}/models?lang=${lang}`);
    await page.locator('#whatif-file').setInputFiles(draftFile);
    await page.locator('#whatif-year').fill('2025');
    await page.locator('form:has(#whatif-file) button[type=submit]').click();
    await page.waitForSelector('#whatif');
  }],
  ['frozen', 'kim', '/frozen?year=2025'],
  ['freeze-confirm', 'lee', async (page, lang) => {
    await page.goto(`${url}/models?lang=${lang}`);
    await page.locator('#freeze-year').fill('2026');
    await page.locator('form:has(#freeze-year) button[type=submit]').click();
    await page.waitForSelector('#confirm');
  }],
];

// SHOTS_ONLY=name,name takes only those (a change that touches a few pages).
const only = process.env.SHOTS_ONLY ? process.env.SHOTS_ONLY.split(',') : null;
const anonymous = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
const pages = { kim: await session('kim'), lee: await session('lee'), park: await session('park'), null: anonymous };
for (const [name, user, how] of shots) {
  if (only && !only.includes(name)) continue;
  const page = pages[user];
  const pageErrors = [];
  const onError = (e) => pageErrors.push(String(e));
  page.on('pageerror', onError);
  for (const lang of ['ko', 'en']) {
    for (const [w, h] of [[390, 844], [1366, 768]]) {
      await page.setViewportSize({ width: w, height: h });
      try {
        if (typeof how === 'string') await page.goto(`${url}${how}${how.includes('?') ? '&' : '?'}lang=${lang}`);
        else await how(page, lang);
      } catch (e) {
        console.log(`# ${name}-${lang}-${w}: not reached: ${String(e).split('\n')[0]}`);
        continue;
      }
      const full = await page.evaluate(() => document.documentElement.scrollHeight);
      const file = join(out, `${name}-${lang}-${w}.${type === 'png' ? 'png' : 'jpg'}`);
      await page.screenshot({ path: file, type, fullPage: true, ...(type === 'jpeg' ? { quality: 55 } : {}),
        clip: { x: 0, y: 0, width: w, height: Math.min(full, w < 800 ? 2000 : 1400) } });
      const status = await page.evaluate(() => document.title);
      console.log(`${file}  ${status}`);
    }
  }
  page.off('pageerror', onError);
  if (pageErrors.length) console.log(`# ${name}: script errors: ${pageErrors.join(' | ')}`);
}
await browser.close();
server.kill('SIGTERM');
rmSync(work, { recursive: true, force: true });

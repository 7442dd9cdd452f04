// SPDX-License-Identifier: MIT
// Browser test of the web import preview (issue 18 point 4): an admin
// uploads a CSV file saved by Korean Excel (CP949) that changes one client
// of the demo company and adds another; the job page shows per file the
// new, changed and unchanged rows, the changed cell old → new, a warning
// that stored rows will be replaced, the detected encoding preselected;
// a bad contracts.csv gives the problems as a table with the column's
// Korean label and the offending value. Every page fits 390 and 1366
// pixels in Korean and English (no sideways scroll). The screenshots of
// docs/user-guide.md are written with SHOTS_DIR set (else to
// tests/browser/artifacts/). Prints TAP lines.
import { chromium } from 'playwright-core';
import { demoStore, startServer, pageErrors, snap } from './tools/lib.mjs';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { tandem, artifacts: shots, work, db, env, t, ok, addUser } =
  demoStore('tandem-import-browser-', { now: '2026-11-26T09:00:00Z', shots: process.env.SHOTS_DIR });
const type = process.env.SHOTS_TYPE || 'jpeg';      // png to look at them in a PNG-only viewer
addUser('kim', 'admin', 'import-pass-1');
const { server, url } = await startServer(tandem, db, env);

// CL01 as it is, CL02 in another industry, CL99 new: in CP949, as Korean
// Excel saves "CSV (쉼표로 분리)".
const clients = 'id,name,industry,referred_by\nCL01,누리온텔레콤,통신,\nCL02,가온은행,증권,\nCL99,새봄유통,유통,CL01\n';
const cp949 = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP949'], { input: clients });
writeFileSync(join(work, 'clients.csv'), cp949);
writeFileSync(join(work, 'contracts.csv'),
  'id,client_id,service_line,signed_on,ramp_started_on,staffed_on,go_live_on,end_on,annual_value,risk_tier,sales_owner,ops_owner,planned_ramp_days,planned_stabilization_months,parent_contract_id,renews_contract_id\n' +
  'CT90,CL01,콜센터,2026-01-05,,,,,4억5천,medium,,,,,,\nCT91,CL404,콜센터,2026-01-05,,,,,100,urgent,,,,,,\n');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ko-KR' });
const page = await ctx.newPage();
const errors = pageErrors(page);

// Every width and language: no sideways scroll; a screenshot of each.
async function fits(name, path) {
  for (const lang of ['ko', 'en']) {
    for (const [w, h] of [[390, 844], [1366, 768]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${url}${path}?lang=${lang}`);
      const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      ok(sw <= iw, `${name}-${lang}-${w}-no-sideways-scroll`, `${sw} > ${iw}`);
      const full = await page.evaluate(() => document.documentElement.scrollHeight);
      await snap(page, { path: join(shots, `${name}-${lang}-${w}.${type === 'png' ? 'png' : 'jpg'}`), type,
        ...(type === 'jpeg' ? { quality: 55 } : {}), fullPage: true, clip: { x: 0, y: 0, width: w, height: Math.min(full, w < 800 ? 2000 : 1400) } });
    }
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function upload(file) {
  await page.goto(`${url}/import?lang=ko`);
  await page.locator('#files').setInputFiles(join(work, file));
  await page.locator('form[action="/import"] button[type=submit]').first().click();
  await page.waitForURL(/\/import\/jobs\/\d+/);
  const path = new URL(page.url()).pathname;
  // The page reloads itself every second until the job is done.
  await page.waitForSelector('#preview, #problems, .notice.error', { timeout: 20000 });
  return path;
}

try {
  await page.goto(`${url}/login`);
  await page.locator('input[name=name]').fill('kim');
  await page.locator('input[name=password]').fill('import-pass-1');
  await page.locator('form button[type=submit]').first().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));

  await page.goto(`${url}/import?lang=ko`);
  ok(await page.locator('input[name=encoding][value=auto]').isChecked(), 'import-form-detect-preselected');

  const preview = await upload('clients.csv');
  const counts = await page.locator('#preview-counts tbody tr').first().locator('td').allTextContents();
  ok(JSON.stringify(counts) === JSON.stringify(['clients.csv', '고객사', '1', '1', '1']),
    'import-preview-counts', JSON.stringify(counts));
  const change = await page.locator('table.preview-rows tr.changed .cell-change').first().textContent();
  ok(change === '업종: 금융 → 증권', 'import-preview-changed-cell', change);
  const added = await page.locator('table.preview-rows tr.added td code').first().textContent();
  ok(added === 'CL99', 'import-preview-new-row', added);
  ok((await page.locator('#replace-warning').textContent()).includes('1개'), 'import-preview-replace-warning');
  ok(await page.locator('#recheck input[name=encoding][value=cp949]').isChecked(),
    'import-preview-cp949-preselected');
  ok(await page.locator('input[name=commit]').count() === 1, 'import-preview-commit-offered');
  await fits('import-preview', preview);

  const bad = await upload('contracts.csv');
  const row = await page.locator('#problems tbody tr').first().locator('td').allTextContents();
  ok(row[0] === 'contracts.csv' && row[1] === '2' && row[2] === '연간 계약금액' && row[4] === '4억5천',
    'import-problems-row-ko', JSON.stringify(row));
  ok(row[3].startsWith('연간 계약금액에 잘못된 숫자'), 'import-problems-message-ko', row[3]);
  ok(await page.locator('#problems tbody tr').count() === 2, 'import-problems-two-rows');
  await fits('import-problems', bad);

  ok(errors.length === 0, 'import-no-script-errors', errors.join(' | '));
} catch (e) {
  ok(false, 'import-browser-run', String(e && e.stack || e));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(`1..${t.n}`);
process.exit(t.failed ? 1 : 0);

// SPDX-License-Identifier: MIT
// Forms for people in headless Chromium, with and without JavaScript: the
// picker's list fills from /api/v1/suggest as one types part of a name;
// without the script a name typed in full is read by the server, and an
// ambiguous one shows its candidates, one click picks one and saves. Then
// my page for an account linked to a person, the records list and the
// audit log, each checked not to scroll sideways at 1366 and 390 px.
// Screenshots go to tests/browser/artifacts/ (people-*.png). Prints TAP.
import { demoStore, startServer, pageErrors, launch, snap } from './tools/lib.mjs';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const { tandem, artifacts, work, db, env, t, ok, addUser } =
  demoStore('tandem-people-', { now: '2026-11-26T09:00:00Z' });
addUser('pp-admin', 'admin', 'people-pass-1');
const { server, url } = await startServer(tandem, db, env);

const browser = await launch();

async function session(name, password, options) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US', ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
  await page.goto(`${url}/login`);
  await page.locator('#name').fill(name);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(`${url}/`);
  return { context, page, errors };
}
const shot = (page, name) => snap(page, { path: join(artifacts, `people-${name}.jpg`), type: 'jpeg', quality: 72 });
const fits = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

try {
  // --- the data to work with, from the API -----------------------------------
  const admin = await session('pp-admin', 'people-pass-1');
  const api = async (path) => (await admin.page.request.get(`${url}${path}`)).json();
  const people = (await api('/api/v1/records/people?limit=500')).items;
  const clients = (await api('/api/v1/records/clients?limit=500')).items;
  const contracts = (await api('/api/v1/records/contracts?limit=500')).items;
  ok(people.length > 2 && clients.length > 1 && contracts.length > 1, 'people-demo-data', people.length);
  // a first character several people's names share, and a unique client name
  const byChar = {};
  for (const p of people) for (const ch of new Set(p.name)) (byChar[ch] ||= []).push(p);
  const shared = Object.entries(byChar).filter(([, ps]) => ps.length >= 2 && ps.length <= 8)
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
  const client = clients.find((c) => clients.filter((d) => d.name === c.name).length === 1
    && !clients.some((d) => d !== c && d.name.includes(c.name)));
  const owner = contracts[0].sales_owner;
  ok(shared && client !== undefined, 'people-demo-names', JSON.stringify(shared));

  // --- with JavaScript: the picker fills as one types ---------------------------
  const page = admin.page;
  await page.goto(`${url}/records/contracts/new?lang=en`);
  const offered = await page.locator('#f-id').inputValue();
  ok(/\d$/.test(offered), 'people-js-id-offered', offered);
  await page.locator('#f-client_id').fill(client.name.slice(0, 2));
  await page.waitForFunction(() => document.querySelectorAll('#f-client_id-list option').length > 0, null, { timeout: 5000 });
  const options = await page.locator('#f-client_id-list option').evaluateAll(
    (os) => os.map((o) => ({ value: o.value, label: o.label })));
  ok(options.some((o) => o.value === client.id && o.label === client.name), 'people-js-datalist-filled',
    JSON.stringify(options.slice(0, 5)));
  await page.locator('#f-client_id').fill(client.name);
  await page.locator('#f-annual_value').fill('4억5천만');
  await page.locator('#f-sales_owner').fill(people.find((p) => p.id === owner).name);
  await shot(page, 'picker-en-1366');
  await page.locator('form.record-form button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/contracts/${offered}\\?saved=1`));
  const saved = await api(`/api/v1/records/contracts/${offered}`);
  ok(saved.client_id === client.id, 'people-js-client-by-name', JSON.stringify(saved));
  ok(saved.annual_value === 450000000, 'people-js-korean-amount', saved.annual_value);
  ok(admin.errors.length === 0, 'people-js-no-console-errors', admin.errors.join(' | '));

  // --- without JavaScript: names read by the server, candidates on ambiguity -----
  const nojs = await session('pp-admin', 'people-pass-1', { javaScriptEnabled: false });
  const p2 = nojs.page;
  await p2.goto(`${url}/records/contracts/new?lang=ko`);
  const id2 = await p2.locator('#f-id').inputValue();
  await p2.locator('#f-client_id').fill(client.name);
  await p2.locator('#f-annual_value').fill('1,000,000');
  await p2.locator('#f-sales_owner').fill(shared[0]);
  await p2.locator('form.record-form button[type="submit"]').click();
  await p2.waitForLoadState();
  ok(await p2.locator('#f-sales_owner-err').count() === 1, 'people-nojs-ambiguous-error');
  const buttons = p2.locator('#f-sales_owner-candidates button');
  ok(await buttons.count() >= 2, 'people-nojs-candidates', await buttons.count());
  ok(await p2.locator('#f-client_id').inputValue() === client.id, 'people-nojs-client-read-as-id');
  ok(await p2.locator('#f-annual_value').inputValue() === '1,000,000', 'people-nojs-input-kept');
  ok(await p2.locator('#f-sales_owner-list option').count() === 0, 'people-nojs-no-script-list');
  await shot(p2, 'candidates-ko-1366');
  const chosen = await buttons.nth(1).getAttribute('value');
  await buttons.nth(1).click();
  await p2.waitForURL(new RegExp(`/contracts/${id2}\\?saved=1`));
  const saved2 = await api(`/api/v1/records/contracts/${id2}`);
  ok(saved2.sales_owner === chosen && saved2.annual_value === 1000000, 'people-nojs-candidate-picked',
    JSON.stringify(saved2));
  await nojs.context.close();

  // --- my page, records, audit: both widths, both languages ---------------------
  const me = people.find((p) => p.id === owner);
  addUser('pp-owner', 'sales', 'people-pass-3', me.id);
  const mine = await session('pp-owner', 'people-pass-3');
  for (const [w, h] of [[1366, 768], [390, 844]]) {
    await mine.page.setViewportSize({ width: w, height: h });
    await page.setViewportSize({ width: w, height: h });
    for (const lang of ['ko', 'en']) {
      await mine.page.goto(`${url}/me?lang=${lang}`);
      ok(await mine.page.locator('[id^="my-total-"]').count() >= 1, `people-me-score-${lang}-${w}`);
      ok(await fits(mine.page), `people-me-fits-${lang}-${w}`);
      await shot(mine.page, `me-${lang}-${w}`);
      await page.goto(`${url}/records/contracts?lang=${lang}`);
      ok(await fits(page), `people-records-fits-${lang}-${w}`);
      await shot(page, `records-${lang}-${w}`);
      await page.goto(`${url}/audit?lang=${lang}`);
      ok(await fits(page), `people-audit-fits-${lang}-${w}`);
      await shot(page, `audit-${lang}-${w}`);
    }
  }
  await mine.page.goto(`${url}/me?lang=en`);
  const evidence = mine.page.locator('table.my-contracts a[href^="/evidence/"]').first();
  await evidence.click();
  await mine.page.waitForURL(/\/evidence\//);
  ok(await mine.page.locator('#criterion-value').count() === 1, 'people-me-evidence-link');
  ok(mine.errors.length === 0, 'people-me-no-console-errors', mine.errors.join(' | '));
  await mine.context.close();
  await admin.context.close();
} catch (e) {
  ok(false, 'people-unexpected-error', String(e).split('\n')[0]);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = t.failed ? 1 : 0;

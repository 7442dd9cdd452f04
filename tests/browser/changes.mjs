// SPDX-License-Identifier: MIT
// Browser test of the confirmation inbox (SPEC §2, counter-party
// confirmation) in headless Chromium: a salesperson lowers the SLA target
// of a contract they own through the record form and gets a proposed
// change; the operations person running that contract sees the count in
// the header, opens "waiting for my confirmation", confirms it, and the
// record then holds the new target. Screenshots go to
// tests/browser/artifacts/ (git-ignored; docs/screenshots/ keeps copies).
// Prints TAP lines.
import { chromium } from 'playwright-core';
import { demoStore, startServer, pageErrors, snap } from './tools/lib.mjs';
import { chromiumArgs } from './tools/lib.mjs';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const { tandem, artifacts, work, db, env, t, ok, addUser } =
  demoStore('tandem-browser-changes-');
// The demo company; a contract of P04 and the SLA metric to lower.
execFileSync(tandem, ['export', '--db', db, '--out', join(work, 'csv')], { env, stdio: 'ignore' });
const rows = (file) => {
  const [head, ...lines] = readFileSync(join(work, 'csv', file), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
};
const contract = rows('contracts.csv').find((c) => c.sales_owner === 'P04' && c.ops_owner);
const metric = rows('sla_metrics.csv').find((m) => m.contract_id === contract.id && m.direction === 'higher');
const lowered = (Number(metric.target) - 0.05).toFixed(2);
for (const [name, role, person] of [['ana', 'sales', 'P04'], ['oh', 'operations', contract.ops_owner]])
  addUser(name, role, `browser-pass-${name}`, person);

const { server, url } = await startServer(tandem, db, env);

const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: chromiumArgs,
  viewport: { width: 1280, height: 900 },
  locale: 'en-US',
});
const page = context.pages()[0] || await context.newPage();
const errors = pageErrors(page);
const shot = (name) => snap(page, { path: join(artifacts, `${name}.png`), fullPage: true });

async function login(name) {
  await page.context().clearCookies();
  await page.goto(`${url}/login?lang=en`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(`browser-pass-${name}`);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${url}/`);
}

try {
  // Sales lowers the target of its own contract: a proposed change.
  await login('ana');
  await page.goto(`${url}/records/sla_metrics/edit/${contract.id}/${metric.metric}?lang=en`);
  await page.locator('#f-target').fill(lowered);
  await page.locator('#f-reason').fill('the client agreed to a lower target in the QBR');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/changes\?proposed=/);
  ok((await page.getByRole('status').first().textContent()).includes('Saved as a proposed change'),
    'browser-change-proposed-notice');
  ok(await page.locator('#mine tbody tr').count() === 1, 'browser-change-in-my-list');
  ok((await page.locator('#mine tbody tr').first().textContent()).includes('waiting'), 'browser-change-waiting');
  await shot('19-change-proposed');

  // Operations of the contract's unit: the count in the header, the inbox.
  await login('oh');
  await page.goto(`${url}/?lang=en`);
  ok((await page.locator('#changes-waiting').textContent()).trim() === '1', 'browser-header-count');
  await page.getByRole('link', { name: /Changes/ }).click();
  await page.waitForURL(/\/changes/);
  ok(await page.locator('#waiting tbody tr').count() === 1, 'browser-inbox-one-change');
  ok((await page.locator('#waiting tbody tr').first().textContent()).includes(`${contract.id}/${metric.metric}`),
    'browser-inbox-names-record');
  ok((await page.locator('#waiting tbody tr').first().textContent()).includes('agreed to a lower target'),
    'browser-inbox-shows-reason');
  await shot('20-changes-inbox');
  await page.locator('#waiting tbody tr').first().getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL(/\/changes\?done=confirmed/);
  ok((await page.getByRole('status').first().textContent()).includes('confirmed and applied'),
    'browser-change-confirmed');
  ok(await page.locator('#changes-waiting').count() === 0, 'browser-header-count-gone');
  await page.goto(`${url}/api/v1/records/sla_metrics/${contract.id}/${metric.metric}`);
  const record = JSON.parse(await page.locator('body').textContent());
  ok(Number(record.target) === Number(lowered), 'browser-record-has-new-target', JSON.stringify(record));
  ok(errors.length === 0, 'browser-no-console-errors', errors.join(' | '));
} catch (e) {
  ok(false, 'browser-unexpected-error', String(e).split('\n')[0]);
  await shot('99-changes-failure').catch(() => {});
} finally {
  await context.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = t.failed ? 1 : 0;

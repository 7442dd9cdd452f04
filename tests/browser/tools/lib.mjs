// SPDX-License-Identifier: MIT
// What every browser test shares: TAP lines, a `tandem serve` on a free
// port, a headless Chromium, and the page errors a test must not see.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

// TAP: t.ok(cond, name, detail) prints "ok N - name" or "not ok N - name"
// with the detail's first lines; t.failed counts the failures.
export function tap() {
  const t = { n: 0, failed: 0 };
  t.ok = (cond, name, detail) => {
    t.n++;
    if (cond) { console.log(`ok ${t.n} - ${name}`); return; }
    t.failed++;
    console.log(`not ok ${t.n} - ${name}`);
    if (detail)
      for (const l of String(detail).split('\n').slice(0, 80)) console.log(`#   ${l.slice(0, 800)}`);
  };
  return t;
}

// The start every browser test shares: the paths (here: tests/browser,
// top: the worktree, tandem: $TANDEM or build/tandem), the screenshot
// folder (shots, default tests/browser/artifacts, made), a fresh work
// folder named prefix… with the demo company's store in it (db, made by
// `tandem demo`), the environment (fast password hashing; TANDEM_NOW when
// now is given), the TAP counter t and its ok, and addUser(name, role,
// password, person) for `tandem user add`.
export function demoStore(prefix, { now = null, shots = null } = {}) {
  const here = join(dirname(fileURLToPath(import.meta.url)), '..');
  const top = join(here, '..', '..');
  const tandem = process.env.TANDEM || join(top, 'build', 'tandem');
  const artifacts = shots || join(here, 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), prefix));
  const db = join(work, 'demo.db');
  const env = { ...process.env, TANDEM_FAST_HASH: '1', ...(now ? { TANDEM_NOW: now } : {}) };
  const t = tap();
  execFileSync(tandem, ['demo', '--no-serve', '--db', db], { env, stdio: 'ignore' });
  const addUser = (name, role, password, person) =>
    execFileSync(tandem, ['user', 'add', name, '--role', role, ...(person ? ['--person', person] : []),
      '--password-stdin', '--db', db], { env, input: `${password}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
  return { here, top, tandem, artifacts, work, db, env, t, ok: t.ok, addUser };
}

// `tandem serve --db db` on 127.0.0.1, a free port: { server, url } once it
// listens (10 s at most).
export async function startServer(tandem, db, env, extra = []) {
  const server = spawn(tandem, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--quiet', ...extra],
    { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the server did not start')), 10000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  return { server, url };
}

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Debian's chromium, headless.
export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
}

// The script errors of page (not a failed resource load): an array that
// fills as the test goes.
export function pageErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return errors;
}

// A screenshot for people to look at (docs/screenshots, artifacts), never a
// check: Chromium under a loaded CI machine sometimes answers "Unable to
// capture screenshot", so it is tried three times, and a last failure is a
// TAP comment, not a failed test. target is a page or a locator.
export async function snap(target, options) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await target.screenshot(options);
    } catch (e) {
      if (attempt >= 3) {
        console.log(`# screenshot ${options.path} not taken: ${String(e).split('\n')[0]}`);
        return null;
      }
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}

// The draft model of the model tests and screenshots: the default model
// with a stabilization run of 2 months instead of 3, named draft-k2,
// written as dir/draft-k2.json; returns its path.
export function writeDraftK2(tandem, db, env, dir) {
  const draft = JSON.parse(execFileSync(tandem, ['model', 'show', 'default', '--db', db], { env }).toString());
  draft.name = 'draft-k2';
  draft.description = 'A stabilization run of 2 months instead of 3';
  draft.stabilization_run_months = 2;
  const file = join(dir, 'draft-k2.json');
  writeFileSync(file, JSON.stringify(draft, null, 2));
  return file;
}

// SPDX-License-Identifier: MIT
// What every browser test shares: TAP lines, a `tandem serve` on a free
// port, a headless Chromium, and the page errors a test must not see.
import { spawn } from 'node:child_process';
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

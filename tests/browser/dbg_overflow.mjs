import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
const tandem = process.env.TANDEM;
const db = '/tmp/web/dbg/demo.db';
const env = { ...process.env, TANDEM_FAST_HASH: '1', TANDEM_NOW: '2026-11-26T09:00:00Z' };
try { execFileSync(tandem, ['demo', '--no-serve', '--db', db], { env, stdio: 'ignore' });
execFileSync(tandem, ['user', 'add', 'dbg', '--role', 'admin', '--password-stdin', '--db', db], { env, input: 'dbg-pass-123\n' }); } catch (e) {}
const server = spawn(tandem, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--quiet'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((res) => { let o = ''; server.stdout.on('data', (d) => { o += d; const m = o.match(/listening on (http:\/\/\S+)/); if (m) res(m[1]); }); });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: +(process.env.W || 390), height: 844 } });
const page = await ctx.newPage();
await page.goto(`${url}/login`);
await page.locator('input[name=name]').fill('dbg'); await page.locator('input[name=password]').fill('dbg-pass-123');
await page.locator('form button[type=submit]').first().click(); await page.waitForURL((u) => !u.pathname.startsWith('/login'));
for (const p of process.argv.slice(2)) {
  await page.goto(url + p);
  const r = await page.evaluate(() => {
    const iw = window.innerWidth, out = [];
    for (const el of document.querySelectorAll('body *')) {
      const b = el.getBoundingClientRect();
      if (b.right > iw + 0.5 && !el.closest('.scroll')) out.push(`${el.tagName.toLowerCase()}.${el.className.baseVal ?? el.className}#${el.id} right=${Math.round(b.right)} w=${Math.round(b.width)}`);
    }
    return [document.documentElement.scrollWidth, out.slice(0, 8)];
  });
  console.log(p, JSON.stringify(r));
  if (process.env.SHOT) await page.screenshot({ path: `/tmp/web/dbg/${p.replace(/\W/g, '_')}.png`, fullPage: true });
}
await browser.close(); server.kill();

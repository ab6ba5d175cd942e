import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
// IndexedDbPendingEditsStore in a real browser (Debian's Chromium, playwright-core from web-demo/):
// a live tab's record is never claimed by another tab, a closed tab's goes to one new tab only.
// Run after 'npm run build'; prints a JSON verdict and exits non-zero on failure.
const here = fileURLToPath(new URL('.', import.meta.url));
const { chromium } = createRequire(join(here, '../../../../web-demo/package.json'))('playwright-core');
const dist = join(here, '../../dist');
const server = createServer((req, res) => {
  if (req.url === '/') { res.setHeader('content-type', 'text/html'); res.end('<!doctype html><title>t</title>'); return; }
  try { const body = readFileSync(join(dist, req.url)); res.setHeader('content-type', 'text/javascript'); res.end(body); } catch { res.statusCode = 404; res.end(); }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext();
const tab1 = await context.newPage();
const tab2 = await context.newPage();
await tab1.goto(url); await tab2.goto(url);
const rec = (c) => ({ documentId: 'notes', clientId: c, baseRevision: 0, baseText: '', outstanding: { clientId: c, seq: 1, operation: ['x'] }, buffer: null, updatedAt: 1 });
const setup = `window.mod = await import('/indexeddb-pending-store.js'); window.store = new mod.IndexedDbPendingEditsStore();`;
await tab1.evaluate(`(async () => { ${setup} store.register('a'); await store.save(${JSON.stringify(rec('a'))}); })()`);
const whileAlive = await tab2.evaluate(`(async () => { ${setup} store.register('b'); return (await store.claim('notes', 'b')).map((r) => r.clientId); })()`);
await tab1.close();
await new Promise((r) => setTimeout(r, 300));
const afterClose = await tab2.evaluate(`(async () => (await store.claim('notes', 'b')).map((r) => r.clientId))()`);
const tab3 = await context.newPage(); await tab3.goto(url);
const third = await tab3.evaluate(`(async () => { ${setup} store.register('c'); return (await store.claim('notes', 'c')).map((r) => r.clientId); })()`);
const result = { whileAlive, afterClose, third, locks: await tab2.evaluate('typeof navigator.locks') };
await browser.close();
server.close();
const ok = whileAlive.length === 0 && afterClose.join() === 'a' && third.length === 0 && result.locks === 'object';
console.log(JSON.stringify({ ok, ...result }));
process.exit(ok ? 0 : 1);

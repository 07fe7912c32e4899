// Browser test of the built API docs (run by .ci/run after `cargo xtask docs`):
//   node xtask/browser/docs-test.mjs [SITE_DIR] [SCREENSHOT_DIR]
// Serves SITE_DIR from a plain static file server on 127.0.0.1, opens every page in headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core), and checks that every
// operation of each spec is rendered, that no request leaves the local server, and that the
// console shows no errors. Saves one screenshot per page.
import { createServer } from 'node:http';
import { readFile, readdir, mkdir } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const site = resolve(process.argv[2] ?? 'target/api-docs');
const shots = resolve(process.argv[3] ?? 'target/docs-screenshots');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.yaml': 'text/yaml', '.txt': 'text/plain' };

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = join(site, path === '/' ? 'index.html' : path);
  if (!file.startsWith(site)) { res.writeHead(403).end(); return; }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--disable-quic'],
});
await mkdir(shots, { recursive: true });

const failures = [];
let checks = 0;
const fail = (page, msg) => failures.push(`${page}: ${msg}`);

async function visit(name, check) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const url = r.url();
    checks++;
    if (!(url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank')) {
      fail(name, `request left the local server: ${url}`);
    }
  });
  const resp = await page.goto(`${origin}/${name}`, { waitUntil: 'networkidle' });
  if (!resp || resp.status() !== 200) fail(name, `status ${resp?.status()}`);
  await check(page);
  await page.screenshot({ path: join(shots, name.replace(/\.html$/, '.png')) });
  for (const e of errors) fail(name, `console error: ${e}`);
  await page.close();
}

const specs = (await readdir(site)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
if (specs.length < 4) fail('site', `expected at least 4 specs, found ${specs.join(', ')}`);

await visit('index.html', async (page) => {
  for (const s of specs) {
    checks++;
    if ((await page.locator(`a[href="${s}.html"]`).count()) !== 1) fail('index.html', `no link to ${s}.html`);
  }
});

await visit('errata.html', async (page) => {
  const text = await page.locator('body').innerText();
  for (const id of ['E1', 'E8', 'E16']) {
    checks++;
    if (!text.includes(id)) fail('errata.html', `entry ${id} is not rendered`);
  }
  checks++;
  if ((await page.locator('table tr').count()) < 10) fail('errata.html', 'the errata table is not rendered');
});

for (const s of specs) {
  const spec = JSON.parse(await readFile(join(site, `${s}.json`), 'utf8'));
  await visit(`${s}.html`, async (page) => {
    await page.waitForSelector('.api-content', { timeout: 30000 });
    const html = await page.content();
    const text = await page.locator('body').innerText();
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        // A path item also holds what its operations share (`parameters`): not an operation.
        if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
        checks++;
        // Redoc gives each operation an element id from its operationId, and renders its summary.
        const rendered = html.includes(`operation/${op.operationId}`) && text.includes(op.summary);
        if (!rendered) fail(`${s}.html`, `operation ${op.operationId} (${method.toUpperCase()} ${path}) is not rendered`);
      }
    }
  });
}

await browser.close();
server.close();
if (failures.length) {
  console.error(failures.join('\n'));
  console.error(`docs browser test: ${failures.length} failed`);
  process.exit(1);
}
console.log(`docs browser test: ${specs.length + 2} pages, ${checks} checks passed; screenshots in ${shots}`);

// Builds and runs one tiny app per environment against the installed
// package (scripts/parts/ecosystem.sh packs and installs it first), and
// checks that each computes the RFC 6238 code through `nidan`,
// `nidan/otpauth` and `nidan/enrol`. No app has any configuration for nidan.
//
//   node run.mjs [ENV...]      default: every environment; prints a timing table
//
// Pages are loaded in headless Chromium (/usr/bin/chromium, or NIDAN_CHROMIUM).
// Servers listen on 127.0.0.1 and are stopped before the next environment.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'out');
const bin = (name) => join(here, 'node_modules/.bin', name);
const EXPECTED = '94287082 94287082 94287082';
const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** Runs a command to completion; its output, or an error carrying it. */
function run(command, args, { cwd = here, env = {}, timeout = 600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (status === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? status}):\n${output}`));
    });
  });
}

/** Starts a server process in its own process group; `stop()` ends the group. */
function start(command, args, { cwd = here, env = {} } = {}) {
  const child = spawn(command, args, {
    cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return {
    output: () => output,
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200 (a server starting up); its body. Fails early when the server's output matches `failOn`. */
async function waitFor(url, server, seconds = 120, failOn = undefined) {
  for (let i = 0; i < seconds * 4; i++) {
    if (failOn?.test(server.output())) break;
    try {
      const response = await fetch(url);
      if (response.ok) return await response.text();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer:\n${server?.output() ?? ''}`);
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

/** Serves `root` on 127.0.0.1 (what a static host does with a build). */
function serveStatic(root) {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      const path = join(root, decodeURIComponent(new URL(request.url, 'http://x').pathname));
      const file = path.endsWith('/') ? join(path, 'index.html') : path;
      if (!file.startsWith(root) || !existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(file));
    }).listen(0, '127.0.0.1', () => resolve(server));
  });
}

let browser;
/** Loads `url` in headless Chromium; the codes the page shows (`data-codes`), failing on any page error. */
async function pageCodes(url) {
  if (!browser) {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: process.env.NIDAN_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS, timeout: 60_000,
    });
  }
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  // Failed loads are reported with their URL below (the console's message has none); a
  // missing /favicon.ico is what every page without one gets.
  page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource')
    && problems.push(message.text()));
  page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => response.status() >= 400 && !response.url().endsWith('/favicon.ico')
    && problems.push(`${response.url()}: HTTP ${response.status()}`));
  try {
    await page.goto(url);
    // Until the page shows its codes or reports a problem, at most a minute.
    for (let i = 0; i < 240 && problems.length === 0; i++) {
      const element = await page.$('[data-codes]:not([data-codes=""])');
      if (element) return await element.getAttribute('data-codes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${url}: ${problems.join('; ') || 'no codes shown'}`);
  } finally {
    await page.close();
  }
}

/** Serves the static build in `root` and reads the codes its index.html shows. */
async function staticPage(root) {
  const server = await serveStatic(root);
  try {
    return await pageCodes(`http://127.0.0.1:${server.address().port}/`);
  } finally {
    server.close();
  }
}

/** Serves the Worker bundled in `dir` (a .js bundle and .wasm files) with workerd; its answer. */
async function serveWorker(dir) {
  // The bundle first: workerd's main module.
  const files = readdirSync(dir);
  const modules = [...files.filter((file) => file.endsWith('.js')), ...files.filter((file) => file.endsWith('.wasm'))]
    .map((file) => `(name = "${file}", ${file.endsWith('.js') ? 'esModule' : 'wasm'} = embed "${file}")`);
  const port = await freePort();
  writeFileSync(join(dir, 'config.capnp'), readFileSync(join(here, 'workerd/config.capnp'), 'utf8')
    .replace('PORT', String(port)).replace('MODULES', modules.join(', ')));
  const server = start(bin('workerd'), ['serve', 'config.capnp'], { cwd: dir });
  try {
    return await waitFor(`http://127.0.0.1:${port}/`, server, 60, /Uncaught/);
  } finally {
    server.stop();
  }
}

/** A page that loads one bundle (`type` module or classic script). */
function bundlePage(dir, file, type) {
  writeFileSync(join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"></head><body><script ${type === 'module' ? 'type="module" ' : ''}src="./${file}"></script></body></html>\n`);
}

const fresh = (name) => {
  const dir = join(out, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
};

const lastLine = (text) => text.trim().split('\n').at(-1);

async function viteBuild(cli, name) {
  const dir = fresh(name);
  await run('node', [cli, 'build', '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir'], { cwd: join(here, 'app') });
  return staticPage(dir);
}

async function viteDev(cli) {
  const port = await freePort();
  // --force: the dependency optimizer starts afresh, as on a first `vite` after installing nidan.
  const server = start('node', [cli, '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--force'], {
    cwd: join(here, 'app'),
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/`, server);
    return await pageCodes(`http://127.0.0.1:${port}/`);
  } catch (error) {
    throw new Error(`${error.message}\n${server.output()}`);
  } finally {
    server.stop();
  }
}

async function nextApp(bundler) {
  const app = join(here, 'next');
  rmSync(join(app, '.next'), { recursive: true, force: true });
  const env = { NEXT_TELEMETRY_DISABLED: '1' };
  await run('node', [join(here, 'node_modules/next/dist/bin/next'), 'build', bundler === 'webpack' ? '--webpack' : '--turbopack'],
    { cwd: app, env });
  const port = await freePort();
  const server = start('node', [join(here, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)],
    { cwd: app, env });
  try {
    const route = await waitFor(`http://127.0.0.1:${port}/api/codes`, server);
    const page = await pageCodes(`http://127.0.0.1:${port}/`);
    if (route !== page) throw new Error(`server route ${route}, client component ${page}`);
    return page;
  } finally {
    server.stop();
  }
}

/** Each environment: builds and runs its app, and returns the codes it computed. */
const environments = {
  'node-cjs': async () => lastLine(await run('node', ['node/main.cjs'])),
  'node-esm': async () => lastLine(await run('node', ['node/main.mjs'])),
  'node22-cjs': async () => lastLine(await run(join(here, 'node_modules/node22/bin/node'), ['node/main.cjs'])),
  'node22-esm': async () => lastLine(await run(join(here, 'node_modules/node22/bin/node'), ['node/main.mjs'])),
  bun: async () => {
    const esm = lastLine(await run(bin('bun'), ['node/main.mjs']));
    const cjs = lastLine(await run(bin('bun'), ['node/main.cjs']));
    if (esm !== cjs) throw new Error(`bun: import ${esm}, require ${cjs}`);
    return esm;
  },
  // No permission flags: Deno refuses file reads without --allow-read.
  deno: async () => lastLine(await run(bin('deno'), ['run', '--no-prompt', 'node/main.mjs'], { env: { NO_COLOR: '1' } })),
  'ts-node16': async () => {
    await run(bin('tsc'), ['-p', 'ts/tsconfig.node16.json']);
    const esm = lastLine(await run('node', ['out/ts-node16/esm.mjs']));
    const cjs = lastLine(await run('node', ['out/ts-node16/cjs.cjs']));
    if (esm !== cjs) throw new Error(`node16: ESM ${esm}, CommonJS ${cjs}`);
    return esm;
  },
  'ts-nodenext': async () => {
    await run(bin('tsc'), ['-p', 'ts/tsconfig.nodenext.json']);
    const esm = lastLine(await run('node', ['out/ts-nodenext/esm.mjs']));
    const cjs = lastLine(await run('node', ['out/ts-nodenext/cjs.cjs']));
    if (esm !== cjs) throw new Error(`nodenext: ESM ${esm}, CommonJS ${cjs}`);
    return esm;
  },
  // Types only: the bundlers below run what bundler resolution describes.
  'ts-bundler': async () => {
    await run(bin('tsc'), ['-p', 'ts/tsconfig.bundler.json']);
    return EXPECTED;
  },
  attw: async () => {
    // Every entry, under node10, node16 (CommonJS and ESM) and bundler; exits non-zero on any problem.
    await run(bin('attw'), [process.env.NIDAN_TARBALL, '--format', 'table-flipped', '--exclude-entrypoints', 'nidan.wasm', 'nidan-enrol.wasm']);
    return EXPECTED;
  },
  'vite-build': () => viteBuild(join(here, 'node_modules/vite/bin/vite.js'), 'vite-build'),
  'vite-dev': () => viteDev(join(here, 'node_modules/vite/bin/vite.js')),
  'vite5-build': () => viteBuild(join(here, 'node_modules/vite5/bin/vite.js'), 'vite5-build'),
  'vite5-dev': () => viteDev(join(here, 'node_modules/vite5/bin/vite.js')),
  webpack: async () => {
    const dir = fresh('webpack');
    const { default: webpack } = await import('webpack');
    const stats = await new Promise((resolve, reject) => {
      webpack({ mode: 'production', entry: join(here, 'app/page.js'), output: { path: dir, filename: 'bundle.js' } },
        (error, result) => (error ? reject(error) : resolve(result)));
    });
    if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    bundlePage(dir, 'bundle.js', 'classic');
    return staticPage(dir);
  },
  esbuild: async () => {
    const dir = fresh('esbuild');
    await run(bin('esbuild'), ['app/page.js', '--bundle', '--format=esm', '--minify', `--outfile=${join(dir, 'bundle.js')}`]);
    bundlePage(dir, 'bundle.js', 'module');
    return staticPage(dir);
  },
  rollup: async () => {
    const dir = fresh('rollup');
    const { rollup } = await import('rollup');
    const { default: resolve } = await import('@rollup/plugin-node-resolve');
    const bundle = await rollup({ input: join(here, 'app/page.js'), plugins: [resolve({ browser: true })] });
    await bundle.write({ file: join(dir, 'bundle.js'), format: 'es' });
    await bundle.close();
    bundlePage(dir, 'bundle.js', 'module');
    return staticPage(dir);
  },
  'next-turbopack': () => nextApp('turbopack'),
  'next-webpack': () => nextApp('webpack'),
  // Bundled by wrangler (`deploy --dry-run`, which needs Node 22), served by
  // workerd. And the reason for the `workerd` condition: the browser build,
  // which compiles its module from bytes, is refused there.
  workerd: async () => {
    const dir = fresh('wrangler');
    await run(join(here, 'node_modules/node22/bin/node'),
      [join(here, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', dir],
      { cwd: join(here, 'workerd'), env: { CI: '1', WRANGLER_SEND_METRICS: 'false', WRANGLER_LOG_PATH: join(out, 'wrangler-logs') } });
    const codes = await serveWorker(dir);
    const control = fresh('workerd-bytes');
    await run(bin('esbuild'), ['workerd/worker.js', '--bundle', '--format=esm', '--platform=neutral',
      '--conditions=worker,browser', `--outfile=${join(control, 'worker.js')}`]);
    const refused = await serveWorker(control).then(() => false, (error) => /Wasm code generation disallowed/.test(error.message));
    if (!refused) throw new Error('workerd ran the browser build: it no longer refuses wasm compiled from bytes');
    return codes;
  },
};

const names = process.argv.slice(2);
for (const name of names) {
  if (!(name in environments)) {
    console.error(`run.mjs: unknown environment ${name} (known: ${Object.keys(environments).join(' ')})`);
    process.exit(2);
  }
}
const failures = [];
const times = [];
for (const name of names.length > 0 ? names : Object.keys(environments)) {
  const started = performance.now();
  let result;
  try {
    const codes = await environments[name]();
    result = codes === EXPECTED ? 'ok' : `wrong codes: ${codes}`;
  } catch (error) {
    result = `failed: ${error.message}`;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  times.push([name, seconds, result === 'ok' ? 'ok' : 'FAILED']);
  console.log(`ecosystem: ${name} ${result} (${seconds} s)`);
  if (result !== 'ok') failures.push(name);
}
await browser?.close();
console.log(times.map(([name, seconds, status]) => `${name.padEnd(16)} ${seconds.padStart(6)} s  ${status}`).join('\n'));
if (failures.length > 0) {
  console.error(`ecosystem: failed: ${failures.join(' ')}`);
  process.exit(1);
}

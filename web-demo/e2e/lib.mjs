// Helpers of the end-to-end tests: a real CollabDocs server on loopback and Debian's Chromium
// driven by playwright-core (no browser is downloaded).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
const serverProject = join(repoRoot, 'src', 'CollabDocs.Server');

/** The server build to run: COLLABDOCS_SERVER_DLL, else the Release build of the repository. */
export const serverDll = process.env.COLLABDOCS_SERVER_DLL ?? join(serverProject, 'bin', 'Release', 'net10.0', 'CollabDocs.Server.dll');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts the server on 127.0.0.1 with a fresh data directory, in the Development environment (for the
 * development token endpoint). Its content root is the server project, where `npm run build` puts the
 * demo (wwwroot). Resolves once it answers HTTP; `stop()` ends it and removes the data.
 */
export async function startServer({ timeoutMs = 60_000, env = {} } = {}) {
  if (!existsSync(serverDll)) {
    throw new Error(`No server build at ${serverDll}: run 'dotnet build src/CollabDocs.Server -c Release' first (or set COLLABDOCS_SERVER_DLL).`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'collabdocs-e2e-data-'));
  const url = `http://127.0.0.1:${port}`;
  const contentRoot = process.env.COLLABDOCS_CONTENT_ROOT ?? (existsSync(join(serverProject, 'wwwroot')) ? serverProject : dirname(serverDll));
  const child = spawn('dotnet', [serverDll, '--urls', url, '--contentRoot', contentRoot], {
    cwd: contentRoot,
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: process.env.ASPNETCORE_ENVIRONMENT ?? 'Development',
      CollabDocs__Storage__DataDirectory: dataDir,
      // As `dotnet run` (launchSettings.json): a lost browser is shown away within 20 s.
      CollabDocs__Hub__ClientTimeoutInterval: '00:00:15',
      DOTNET_NOLOGO: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      throw new Error(`The server exited (${JSON.stringify(exited)}):\n${log}`);
    }
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) {
        break;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer within ${timeoutMs} ms:\n${log}`);
    }
    await sleep(250);
  }

  return {
    url,
    dataDir,
    get log() {
      return log;
    },
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await new Promise((r) => (exited === null ? child.once('exit', r) : r()));
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One user: a Chromium process with its own fresh --user-data-dir (own localStorage and identity).
 * `close()` ends the browser and removes the profile.
 */
export async function launchUser({ viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, isMobile = false, hasTouch = false } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'collabdocs-e2e-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport,
    deviceScaleFactor,
    isMobile,
    hasTouch,
    timeout: 30_000,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  const consoleWarnings = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    } else if (message.type() === 'warning') {
      consoleWarnings.push(message.text());
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  return {
    context,
    page,
    consoleErrors,
    consoleWarnings,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Where tests put screenshots: COLLABDOCS_SCREENSHOT_DIR (`npm run screenshots` sets it to ../docs, the
 * README's pictures), else the CI output folder COLLABDOCS_CI_OUT, else a temporary folder. Created if missing.
 */
export function screenshotDir() {
  const dir = process.env.COLLABDOCS_SCREENSHOT_DIR ?? process.env.COLLABDOCS_CI_OUT ?? join(tmpdir(), 'collabdocs-screenshots');
  mkdirSync(dir, { recursive: true });
  return resolve(dir);
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls `probe` until it returns a truthy value (returned) or the time is up (throws with `what`, or with
 * `what()` when it is a function, so the message can describe the last state the probe saw).
 */
export async function waitFor(probe, what, timeoutMs = 15_000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) {
        return last;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${typeof what === 'function' ? what() : what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    }
    await sleep(intervalMs);
  }
}

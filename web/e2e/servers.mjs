// Starts the servers an e2e run needs: the prism binary on a temporary
// SQLite database and a free port, and (when that binary does not serve the
// built app itself) `vite preview` proxying the API to it.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const webDir = resolve(new URL('..', import.meta.url).pathname);

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url, { timeoutMs = 30_000, accept = (res) => res.ok, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (accept(res)) return res;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await sleep(200);
  }
  throw new Error(`${url} was not ready after ${timeoutMs} ms (${last})`);
}

function start(command, args, { env, logFile, cwd }) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

async function stop(child) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  for (let i = 0; i < 50 && child.exitCode === null; i++) await sleep(100);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/**
 * Starts everything. Options (env): PRISM_BINARY (default ../build/prism),
 * E2E_SERVER = auto | prism | preview (auto: prism when it serves WEB_DIR,
 * else vite preview), E2E_API_PORT, E2E_PREVIEW_PORT, E2E_KEEP_DATA=1 keeps the temp dir.
 * Returns { baseUrl, apiUrl, mode, tmp, logs, stop() }.
 */
export async function startServers() {
  const binary = resolve(webDir, process.env.PRISM_BINARY ?? '../build/prism');
  try {
    await access(binary);
  } catch {
    throw new Error(`prism binary not found at ${binary} (set PRISM_BINARY)`);
  }
  const dist = join(webDir, 'dist');
  try {
    await access(join(dist, 'index.html'));
  } catch {
    throw new Error('web/dist is missing: run `npm run build` first');
  }
  const wanted = process.env.E2E_SERVER ?? 'auto';
  const tmp = await mkdtemp(join(tmpdir(), 'prism-e2e-'));
  const apiPort = Number(process.env.E2E_API_PORT) || (await freePort());
  const previewPort = Number(process.env.E2E_PREVIEW_PORT) || (await freePort());
  const apiUrl = `http://localhost:${apiPort}`;
  const children = [];
  const logs = { prism: join(tmp, 'prism.log'), preview: join(tmp, 'preview.log') };

  const launchPrism = (publicUrl) => {
    const child = start(binary, ['serve'], {
      cwd: tmp,
      logFile: logs.prism,
      env: {
        DATABASE_URL: `sqlite:${join(tmp, 'prism.db')}`,
        PORT: String(apiPort),
        WEB_DIR: dist,
        PUBLIC_URL: publicUrl,
        CORS_ALLOWED_ORIGINS: publicUrl,
        LOG_FORMAT: 'text',
        // The specs register a user each from 127.0.0.1, more than the
        // default per-address limit allows in an hour.
        REGISTRATION_LIMIT_PER_IP_PER_HOUR: '10000',
        PASSWORD_RESET_LIMIT_PER_IP_PER_HOUR: '10000',
        INVITATION_LIMIT_PER_IP_PER_HOUR: '10000',
        // The fake OpenAI server an organization connects to (bring your
        // own key) listens on loopback, which a base URL may not name otherwise.
        AI_ALLOW_PRIVATE_BASE_URLS: 'true',
        // A closed event stream is noticed when the server next writes to
        // it; frequent heartbeats free the per-user notification streams
        // of pages the specs reload quickly.
        SSE_HEARTBEAT_SECONDS: '1',
      },
    });
    children.push(child);
    return child;
  };

  const cleanup = async () => {
    for (const c of children.reverse()) await stop(c);
    if (!process.env.E2E_KEEP_DATA) await rm(tmp, { recursive: true, force: true });
  };

  try {
    let mode = wanted === 'preview' ? 'preview' : 'prism';
    let prism = launchPrism(mode === 'prism' ? apiUrl : `http://localhost:${previewPort}`);
    await waitFor(`${apiUrl}/ready`, { child: prism });
    if (mode === 'prism') {
      const res = await fetch(`${apiUrl}/`);
      const html = res.ok && (res.headers.get('content-type') ?? '').includes('text/html');
      if (!html) {
        if (wanted === 'prism') throw new Error('this prism binary does not serve WEB_DIR (GET / is not HTML)');
        // This binary predates WEB_DIR support: serve the app with vite preview.
        mode = 'preview';
        await stop(prism);
        children.length = 0;
        prism = launchPrism(`http://localhost:${previewPort}`);
        await waitFor(`${apiUrl}/ready`, { child: prism });
      }
    }
    let baseUrl = apiUrl;
    if (mode === 'preview') {
      const vite = start(process.execPath, [join(webDir, 'node_modules/vite/bin/vite.js'), 'preview', '--port', String(previewPort), '--strictPort', '--host', 'localhost'], {
        cwd: webDir,
        logFile: logs.preview,
        env: { PRISM_DEV_BACKEND: String(apiPort) },
      });
      children.push(vite);
      baseUrl = `http://localhost:${previewPort}`;
      await waitFor(`${baseUrl}/`, { child: vite });
      await waitFor(`${baseUrl}/ready`, { child: vite });
    }
    return { baseUrl, apiUrl, mode, tmp, logs, stop: cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

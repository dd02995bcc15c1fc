// `npm run e2e`: builds the app if needed, starts prism (+ vite preview when
// the binary does not serve WEB_DIR), then runs e2e/specs/*.test.mjs with
// node's test runner against it. See e2e/README.md for the options.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServers, webDir } from './servers.mjs';

if (!existsSync(join(webDir, 'dist/index.html')) || process.env.E2E_BUILD === '1') {
  console.log('# building the app (npm run build)');
  const build = spawnSync('npm', ['run', 'build'], { cwd: webDir, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const specDir = join(webDir, 'e2e/specs');
const filter = process.argv[2];
const specs = readdirSync(specDir)
  .filter((f) => f.endsWith('.test.mjs') && (!filter || f.includes(filter)))
  .sort()
  .map((f) => join(specDir, f));
if (specs.length === 0) {
  console.error('no e2e specs matched');
  process.exit(1);
}

const servers = await startServers();
console.log(`# app at ${servers.baseUrl} (${servers.mode === 'prism' ? 'served by prism from WEB_DIR' : 'vite preview proxying to prism'}), API at ${servers.apiUrl}`);

let code = 1;
try {
  code = await new Promise((resolveCode) => {
    const child = spawn(process.execPath, ['--test', ...specs], {
      cwd: webDir,
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: servers.baseUrl, E2E_API_URL: servers.apiUrl, E2E_MODE: servers.mode, E2E_PRISM_LOG: servers.logs.prism },
    });
    child.on('exit', (c) => resolveCode(c ?? 1));
  });
} finally {
  if (code !== 0) console.log(`# prism log: ${servers.logs.prism} (kept: set E2E_KEEP_DATA=1 to keep it after the run)`);
  await servers.stop();
}
process.exit(code);

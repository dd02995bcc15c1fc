// Precompresses the built web app after `vite build`: writes `x.gz` (zlib
// level 9) and `x.br` (brotli, best quality) next to every text file in
// dist/ larger than 1 KB, so `prism serve` can send them as they are (it
// picks one by Accept-Encoding) instead of compressing on every request.
// Node's built-in zlib only; runs on Node 18 and 20.
//
// Usage: node scripts/compress.mjs [dist directory]   (default: web/dist)
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/i;
const MIN_BYTES = 1024;

const root = process.argv[2] ?? fileURLToPath(new URL('../dist/', import.meta.url));

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

// Writes the variant only when it is smaller; a stale one from an earlier
// build is removed, so the server never sends outdated bytes.
async function writeVariant(path, original, compressed) {
  if (compressed.length < original.length) {
    await writeFile(path, compressed);
    return compressed.length;
  }
  await rm(path, { force: true });
  return 0;
}

async function compress(file) {
  const data = await readFile(file);
  const [gz, br] = await Promise.all([
    gzip(data, { level: 9 }),
    brotli(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        // Every compressible type is UTF-8 text.
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  ]);
  return {
    file,
    original: data.length,
    gz: await writeVariant(`${file}.gz`, data, gz),
    br: await writeVariant(`${file}.br`, data, br),
  };
}

async function main() {
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    console.error(`compress: ${root}: ${error.message} (run \`vite build\` first)`);
    process.exit(1);
  }
  const files = [];
  for await (const file of walk(root)) {
    if (COMPRESSIBLE.test(file) && (await stat(file)).size > MIN_BYTES) files.push(file);
  }
  const results = await Promise.all(files.map(compress));
  let original = 0;
  let br = 0;
  for (const r of results) {
    original += r.original;
    br += r.br || r.original;
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const shown = relative(process.cwd(), root);
  const where = !shown ? '.' : shown.startsWith('..') ? root : shown;
  console.log(`compress: ${results.length} file(s) in ${where}: ${kb(original)} → ${kb(br)} with brotli`);
}

await main();

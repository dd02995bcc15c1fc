/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server proxies the API to a locally running `prism serve`
// (PRISM_DEV_BACKEND is its port), so the browser sees one origin and the
// SameSite=Strict refresh cookie works exactly as in production.
const backend = `http://localhost:${process.env.PRISM_DEV_BACKEND ?? '8080'}`;
const proxy = {
  '/api': { target: backend, changeOrigin: false },
  '/health': { target: backend },
  '/ready': { target: backend },
};

// Heavy libraries get their own chunks so the first route stays small;
// they are only reached through React.lazy / dynamic import().
// React itself gets a chunk of its own first: otherwise Rollup pulls the
// modules a manual chunk depends on (react, react-dom, scheduler) INTO that
// chunk, and the entry then statically imports the whole editor chunk.
function manualChunks(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return 'react';
  if (/[\\/]node_modules[\\/](@codemirror|@lezer|@uiw|codemirror|crelt|style-mod|w3c-keyname)[\\/]/.test(id)) return 'codemirror';
  if (/[\\/]node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor|internmap|decimal\.js-light|lodash)[\\/]/.test(id)) return 'charts';
  if (/[\\/]node_modules[\\/]diff[\\/]/.test(id)) return 'diff';
  return undefined;
}

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    port: 5173,
    strictPort: true,
    proxy,
    // Unit tests read the server's sources (src/lib/problem-copy.test.ts checks
    // that every problem code the server answers has a sentence); only them.
    ...(process.env.VITEST ? { fs: { allow: ['.', '../src'] } } : {}),
  },
  // `vite preview` mimics production's CSP so e2e runs catch inline scripts/styles.
  preview: {
    port: 4173,
    strictPort: true,
    proxy,
    headers: {
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2020',
    rollupOptions: { output: { manualChunks } },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
  },
});

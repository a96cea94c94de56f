import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Writes `.br` and `.gz` beside each script and stylesheet, which @fastify/static sends when asked. */
function precompress(): Plugin {
  return {
    name: 'masthead-precompress',
    apply: 'build',
    closeBundle() {
      const assets = path.join(import.meta.dirname, 'dist', 'assets');
      for (const name of readdirSync(assets).filter((file) => /\.(js|css)$/.test(file))) {
        const bytes = readFileSync(path.join(assets, name));
        writeFileSync(path.join(assets, `${name}.gz`), gzipSync(bytes, { level: 9 }));
        const quality = { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } };
        writeFileSync(path.join(assets, `${name}.br`), brotliCompressSync(bytes, quality));
      }
    },
  };
}

/**
 * The newsroom's single-page app: built into admin/dist and served by Masthead at /admin/.
 * Preact through esbuild's automatic JSX runtime (no Babel preset needed).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/admin/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [precompress()],
  build: {
    outDir: path.join(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // The editor is its own chunk, loaded when an article is opened.
    chunkSizeWarningLimit: 600,
    reportCompressedSize: true,
    // bench/admin-bench.ts reads which files make up the entry and the editor.
    manifest: true,
  },
  server: { fs: { allow: [path.resolve(import.meta.dirname, '..')] } },
});

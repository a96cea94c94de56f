import path from 'node:path';
import { defineConfig } from 'vite';

/**
 * The newsroom's single-page app: built into admin/dist and served by Masthead at /admin/.
 * Preact through esbuild's automatic JSX runtime (no Babel preset needed).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/admin/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
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

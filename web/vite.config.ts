/** Builds the web console (web/) into dist/ui, which the server serves under /ui/ (src/http/console.ts). */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/ui/",
  // No public folder: everything the page loads is built and hashed.
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("../dist/ui", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // No inlined data: URLs for scripts (the page's CSP allows 'self' only).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    // One chunk of about 600 KB minified (CodeMirror with four languages); the budget that matters,
    // 300 KB gzipped, is checked by scripts/console-bundle-size.mjs.
    chunkSizeWarningLimit: 800,
  },
});

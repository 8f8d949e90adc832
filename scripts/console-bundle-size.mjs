// The web console's weight: the gzipped size of every script (and stylesheet) in dist/ui, against
// its budget of 300 KB of gzipped JavaScript. `npm run build` runs it, so the budget holds at every build.
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 300 * 1024;
const dir = fileURLToPath(new URL("../dist/ui/", import.meta.url));
const totals = { ".js": 0, ".css": 0 };
for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  const type = extname(entry.name);
  if (!entry.isFile() || !(type in totals)) continue;
  totals[type] += gzipSync(readFileSync(join(entry.parentPath, entry.name)), { level: 9 }).length;
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `web console: ${kb(totals[".js"])} of JavaScript and ${kb(totals[".css"])} of CSS, gzipped (budget: ${kb(BUDGET_BYTES)} of JavaScript)`,
);
if (totals[".js"] > BUDGET_BYTES) {
  console.error("web console: over its JavaScript budget; see web/vite.config.ts");
  process.exit(1);
}

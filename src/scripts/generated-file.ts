/**
 * A file the repository keeps but the code generates (schema.graphql, the CLI's graphql-env.d.ts):
 * written, or with --check (CI) compared, failing when the committed copy is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { PROJECT_ROOT } from "../paths.js";

export function writeOrCheck(file: string, generated: string, regenerate: string): void {
  const name = relative(PROJECT_ROOT, file);
  if (!process.argv.includes("--check")) {
    writeFileSync(file, generated);
    console.log(`wrote ${name}`);
    return;
  }
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    // No file yet: as stale as a different one, and said so below.
  }
  if (current !== generated) {
    console.error(`${name} is stale: run \`${regenerate}\` and commit it.`);
    process.exit(1);
  }
  console.log(`${name} is up to date.`);
}

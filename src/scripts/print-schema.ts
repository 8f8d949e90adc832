/**
 * `npm run schema:print` writes schema.graphql from the code; `npm run schema:check` (CI) fails
 * when the file differs from what the code prints.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths.js";
import { printSortedSchema } from "../schema/index.js";

const file = join(PROJECT_ROOT, "schema.graphql");
const printed = printSortedSchema();
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    // No schema.graphql yet: as stale as a different one, and said so below.
  }
  if (current !== printed) {
    console.error("schema.graphql is stale: run `npm run schema:print` and commit it.");
    process.exit(1);
  }
  console.log("schema.graphql is up to date.");
} else {
  writeFileSync(file, printed);
  console.log(`wrote ${file}`);
}

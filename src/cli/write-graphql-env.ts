/**
 * `npm run cli:types` writes graphql-env.d.ts, the schema's introspection types that gql.tada types
 * the CLI's documents with, from schema.graphql; with --check (`npm run cli:check`) it fails when
 * the committed file is stale instead.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../paths.js";
import { writeOrCheck } from "../scripts/generated-file.js";

const target = join(PROJECT_ROOT, "src", "cli", "graphql-env.d.ts");
const bin = (name: string) => join(PROJECT_ROOT, "node_modules", ".bin", name);

/** gql.tada's output as Biome formats it (less an import Biome finds unused), so that lint passes on it. */
function generate(): string {
  const dir = mkdtempSync(join(tmpdir(), "graphql-env-"));
  try {
    const raw = join(dir, "graphql-env.d.ts");
    execFileSync(bin("gql.tada"), ["generate-output", "--output", raw], { cwd: PROJECT_ROOT, stdio: "ignore" });
    return execFileSync(
      bin("biome"),
      ["check", "--write", "--unsafe", `--stdin-file-path=${relative(PROJECT_ROOT, target)}`],
      { cwd: PROJECT_ROOT, input: readFileSync(raw), encoding: "utf8" },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

writeOrCheck(target, generate(), "npm run cli:types");

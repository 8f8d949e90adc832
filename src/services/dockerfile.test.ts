import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGES, languageById } from "../languages/index.js";
import { PROJECT_ROOT } from "../paths.js";
import { composeDockerfile, vendorFilesFor } from "./dockerfile.js";

describe("composeDockerfile", () => {
  it("is the repository's Dockerfile for every language (run `npm run dockerfile:print` after a recipe change)", () => {
    expect(readFileSync(join(PROJECT_ROOT, "Dockerfile"), "utf8")).toBe(composeDockerfile(LANGUAGES));
  });

  it("gives a subset only its own recipes, in the default image's order, so cached layers are shared", () => {
    const pyNode = composeDockerfile([languageById("NODE"), languageById("PYTHON")]);
    const full = composeDockerfile(LANGUAGES);
    expect(pyNode).toContain("python3 -m venv");
    expect(pyNode).toContain("COPY --from=node");
    expect(pyNode).not.toContain("COPY vendor/dotnet");
    const beforeUser = (text: string) => text.slice(0, text.indexOf("# The non-root user"));
    expect(full.startsWith(beforeUser(pyNode))).toBe(true);
    expect([...vendorFilesFor([languageById("PYTHON")])]).toEqual([]);
    expect([...vendorFilesFor([languageById("CSHARP"), languageById("NODE")])].sort()).toEqual([
      "dotnet",
      "node.tgz",
      "npm.tgz",
    ]);
  });
});

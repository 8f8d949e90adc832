import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../../paths.js";
import { everyLine } from "../../sandbox/runtime-lines.js";
import { composeDockerfile, vendorFilesFor } from "./dockerfile.js";

describe("composeDockerfile", () => {
  it("is the repository's Dockerfile for every language (run `npm run dockerfile:print` after a recipe change)", () => {
    expect(readFileSync(join(PROJECT_ROOT, "Dockerfile"), "utf8")).toBe(composeDockerfile(everyLine()));
  });

  it("gives a subset only its own recipes, in the default image's order, so cached layers are shared", () => {
    const pyNode = composeDockerfile([
      { language: "NODE", line: "24" },
      { language: "PYTHON", line: "3.11" },
    ]);
    const full = composeDockerfile(everyLine());
    expect(pyNode).toContain("python3 -m venv");
    expect(pyNode).toContain("COPY --from=node-24");
    expect(pyNode).not.toContain("COPY vendor/dotnet");
    // The final stage's layers are shared up to the first that differs (earlier stages are chains of their own).
    const finalStage = (text: string) => text.slice(text.lastIndexOf("FROM $BASE_IMAGE\n"));
    const pythonPart = (text: string) => finalStage(text).slice(0, finalStage(text).indexOf("# Node.js: npm"));
    expect(finalStage(full).startsWith(pythonPart(pyNode))).toBe(true);
    expect(vendorFilesFor([{ language: "PYTHON", line: "3.11" }])).toEqual([]);
    const names = (lines: Parameters<typeof vendorFilesFor>[0]) =>
      vendorFilesFor(lines)
        .map(({ name }) => name)
        .sort();
    expect(
      names([
        { language: "CSHARP", line: "10" },
        { language: "NODE", line: "24" },
      ]),
    ).toEqual(["dotnet", "node-24.tgz", "npm.tgz"]);
  });

  it("gives each version a layer of its own, and the image's default the plain command", () => {
    const both = composeDockerfile([
      { language: "NODE", line: "22" },
      { language: "NODE", line: "24" },
    ]);
    expect(both).toContain("COPY --from=node-22 /opt/node/22 /opt/node/22");
    expect(both).toContain("COPY --from=node-24 /opt/node/24 /opt/node/24");
    expect(both).toContain("RUN ln -s ../24/bin/node /opt/node/bin/node");
    const only22 = composeDockerfile([{ language: "NODE", line: "22" }]);
    expect(only22).not.toContain("node-24");
    expect(only22).toContain("RUN ln -s ../22/bin/node /opt/node/bin/node");
    const csharp8 = composeDockerfile([{ language: "CSHARP", line: "8" }]);
    expect(csharp8).toContain("COPY vendor/dotnet-8/ /usr/share/dotnet/");
    expect(composeDockerfile([{ language: "CSHARP", line: "10" }])).not.toContain("dotnet-8");
  });
});

import { describe, expect, it } from "vitest";
import { languageFromAlias, managerFromAlias } from "./aliases.js";
import { exitCodeOf } from "./exit-codes.js";

describe("CLI aliases", () => {
  it.each([
    ["python", "PYTHON"],
    ["py", "PYTHON"],
    ["node", "NODE"],
    ["js", "NODE"],
    ["javascript", "NODE"],
    ["csharp", "CSHARP"],
    ["cs", "CSHARP"],
    ["c#", "CSHARP"],
    ["dotnet", "CSHARP"],
    ["bash", "BASH"],
    ["SH", "BASH"],
  ])("language %s is %s", (alias, language) => {
    expect(languageFromAlias(alias)).toBe(language);
  });

  it.each([
    ["python", "PIP"],
    ["node", "NPM"],
    ["csharp", "NUGET"],
    ["apt", "APT"],
    ["system", "APT"],
    ["npm", "NPM"],
  ])("manager %s is %s", (alias, manager) => {
    expect(managerFromAlias(alias)).toBe(manager);
  });

  it("names what it accepts when it refuses", () => {
    expect(() => languageFromAlias("cobol")).toThrow(/python, py, node/);
    expect(() => managerFromAlias("cargo")).toThrow(/pip/);
  });
});

describe("exit codes", () => {
  it.each([
    ["SUCCEEDED", 0, 0],
    ["FAILED", 3, 3],
    ["TIMED_OUT", null, 124],
    ["OOM_KILLED", 137, 137],
    ["CANCELLED", null, 130],
    ["ERROR", null, 1],
  ] as const)("%s (exit %s) exits %i", (status, exitCode, expected) => {
    expect(exitCodeOf({ status, exitCode })).toBe(expected);
  });
});

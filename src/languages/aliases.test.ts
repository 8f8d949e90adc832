import { describe, expect, it } from "vitest";
import { languageFromAlias, managerFromAlias } from "./aliases.js";

describe("aliases", () => {
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
    ["rb", "RUBY"],
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
    ["ruby", "GEM"],
    ["rubygems", "GEM"],
  ])("manager %s is %s", (alias, manager) => {
    expect(managerFromAlias(alias)).toBe(manager);
  });

  it("names what it accepts when it refuses", () => {
    expect(() => languageFromAlias("cobol")).toThrow(/python, python3, py, node/);
    expect(() => managerFromAlias("cargo")).toThrow(/pip/);
    expect(() => languageFromAlias("constructor")).toThrow(/unknown language/);
  });
});

import { describe, expect, it } from "vitest";
import { languageFromName, validateFileName } from "./file-names.js";

describe("validateFileName", () => {
  it.each(["hello.py", "Main.cs", "data.json", "a b.txt", "ünïcode.js", ".env", "x".repeat(255)])(
    "accepts %j",
    (name) => {
      expect(() => validateFileName(name)).not.toThrow();
    },
  );

  it.each([
    "",
    "../../etc/passwd",
    "a/b.py",
    "a\\b.py",
    "nul\u0000.py",
    "tab\there",
    "-rf.py",
    "..",
    ".",
    "x..y",
    ".sandbox",
    "é".repeat(150),
  ])("refuses %j", (name) => {
    expect(() => validateFileName(name)).toThrowError(expect.objectContaining({ code: "BAD_USER_INPUT" }));
  });
});

describe("languageFromName", () => {
  it.each([
    ["hello.py", "PYTHON"],
    ["app.js", "NODE"],
    ["app.mjs", "NODE"],
    ["app.cjs", "NODE"],
    ["Program.CS", "CSHARP"],
    ["run.sh", "BASH"],
    ["notes.txt", null],
    ["Makefile", null],
    [".py", null],
  ])("%s is %s", (name, language) => {
    expect(languageFromName(name)).toBe(language);
  });
});

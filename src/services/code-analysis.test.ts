import { describe, expect, it } from "vitest";
import { languageById } from "../languages/index.js";
import { analyzeCode } from "./code-analysis.js";

describe("analyzeCode", () => {
  it.each([
    ["PYTHON", "import subprocess\nsubprocess.run(['ls'])", ["spawns processes"]],
    ["PYTHON", "import socket", ["opens network connections"]],
    ["PYTHON", "import shutil\nshutil.rmtree('/etc')", ["deletes files outside /workspace"]],
    ["PYTHON", "import os\nos.remove('/workspace/a')", []],
    ["NODE", "require('child_process').execSync('ls')", ["spawns processes"]],
    ["NODE", "await fetch('http://example.test')", ["opens network connections"]],
    ["CSHARP", "using var client = new HttpClient();", ["opens network connections"]],
    ["CSHARP", 'System.Diagnostics.Process.Start("ls");', ["spawns processes"]],
    ["BASH", "curl -s http://example.test", ["opens network connections"]],
    ["BASH", "rm -rf /usr", ["deletes files outside /workspace"]],
    ["BASH", "rm -rf /workspace/out", []],
    ["PYTHON", "print('hello')", []],
  ] as const)("%s: %s", (language, code, warnings) => {
    expect(analyzeCode(languageById(language), code)).toEqual(warnings);
  });
});

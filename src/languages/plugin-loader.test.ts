import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { languageFromAlias, managerFromAlias } from "./aliases.js";
import { BUNDLED_LANGUAGES, languageById, managerById } from "./index.js";
import { loadLanguagePlugins, registerLanguagePlugins } from "./plugin-loader.js";

const VALID = `
export default {
  id: "TOYLANG",
  aliases: ["toy"],
  fileExtension: ".toy",
  sourceFileName: "main.toy",
  runCommand: (file) => ["toy", file],
  versions: [{ line: "1", recipe: { stages: [], steps: [], vendor: [] }, probe: { command: ["toy", "--version"], parse: (output) => output.trim() } }],
  defaultVersion: "1",
  packageManager: {
    id: "TOYPKG",
    aliases: ["toys"],
    spec: { pattern: /^[a-z]+$/, accepted: "a lower-case name" },
    registrySetting: "TOYPKG_SOURCE",
    registryEnv: (url) => ["TOY_SOURCE=" + url],
  },
  recipe: { stages: [], steps: ["RUN true"], vendor: [] },
  analysisRules: [{ pattern: /danger/, warning: "is dangerous" }],
};
`;

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A plugins folder with one plugin, NAME/plugin.js holding `source`, and image/install-toypkg. */
function pluginsDir(name: string, source: string, options: { installer?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "language-plugins-"));
  folders.push(dir);
  mkdirSync(join(dir, name, "image"), { recursive: true });
  writeFileSync(join(dir, name, "plugin.js"), source);
  if (options.installer !== false) writeFileSync(join(dir, name, "image", "install-toypkg"), "echo ::installed x 1\n");
  return dir;
}

/** The message a broken plugin stops the start with; it names the plugin's file. */
async function failure(dir: string): Promise<string> {
  const error = await loadLanguagePlugins(dir, BUNDLED_LANGUAGES).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

describe("language plugins", () => {
  it("loads a valid plugin with its image folder and defaults, and registers it", async () => {
    const dir = pluginsDir("toylang", VALID);
    const [plugin] = await loadLanguagePlugins(dir);
    expect(plugin?.id).toBe("TOYLANG");
    expect(plugin?.imageFolder).toBe(join(dir, "toylang", "image"));
    expect(plugin?.otherExtensions).toEqual([]);
    expect(plugin?.packageManager?.servesEveryImage).toBe(false);
    expect(plugin?.packageManager?.parseInstalled("::installed rake 13.0.6")).toEqual({
      name: "rake",
      version: "13.0.6",
    });

    const catalog = await registerLanguagePlugins(dir);
    expect(catalog.languages.at(-1)).toMatchObject({ id: "TOYLANG", name: "TOYLANG", packageManager: "TOYPKG" });
    expect(catalog.managers.at(-1)).toMatchObject({ id: "TOYPKG", language: "TOYLANG", aliases: ["toys"] });
    expect(languageById("TOYLANG").runCommand("main.toy", "1")).toEqual(["toy", "main.toy"]);
    expect(managerById("TOYPKG").language.id).toBe("TOYLANG");
    expect(languageFromAlias("toy")).toBe("TOYLANG");
    expect(managerFromAlias("toys")).toBe("TOYPKG");
  });

  it("refuses a plugin with a syntax error, naming its file", async () => {
    const dir = pluginsDir("broken", "export default {\n  id: 'X',,\n");
    expect(await failure(dir)).toMatch(
      new RegExp(`^LANGUAGE_PLUGINS_DIR: ${join(dir, "broken", "plugin.js")}: cannot be loaded: `),
    );
  });

  it("refuses a plugin without a default export", async () => {
    const dir = pluginsDir("nodefault", "export const language = {};\n");
    expect(await failure(dir)).toBe(
      `LANGUAGE_PLUGINS_DIR: ${join(dir, "nodefault", "plugin.js")}: has no default export (it must \`export default\` a LanguageDefinition)`,
    );
  });

  it.each([
    ['steps: ["RUN true"]', 'steps: "RUN true"', "recipe.steps must be an array of strings"],
    ['id: "TOYLANG"', 'id: "toylang"', "id must be upper-case letters, digits and _, starting with a letter"],
    ['runCommand: (file) => ["toy", file],', 'runCommand: ["toy"],', "runCommand must be a function"],
    ['command: ["toy", "--version"], ', "", "versions[0].probe.command is missing"],
    ["pattern: /danger/", 'pattern: "danger"', "analysisRules[0].pattern must be a RegExp"],
    ["pattern: /^[a-z]+$/", 'pattern: "^[a-z]+$"', "packageManager.spec.pattern must be a RegExp"],
  ])("refuses a bad shape (%s becomes %s)", async (from, to, problem) => {
    const dir = pluginsDir("badshape", VALID.replace(from, to));
    expect(await failure(dir)).toContain(`LANGUAGE_PLUGINS_DIR: ${join(dir, "badshape", "plugin.js")}: ${problem}`);
  });

  it("refuses an id that is taken", async () => {
    const dir = pluginsDir("python2", VALID.replace('id: "TOYLANG"', 'id: "PYTHON"'));
    expect(await failure(dir)).toBe(
      `LANGUAGE_PLUGINS_DIR: ${join(dir, "python2", "plugin.js")}: id PYTHON is taken by another language`,
    );
  });

  it("refuses an alias that another language has", async () => {
    const dir = pluginsDir("snake", VALID.replace('aliases: ["toy"]', 'aliases: ["toy", "py"]'));
    expect(await failure(dir)).toBe(
      `LANGUAGE_PLUGINS_DIR: ${join(dir, "snake", "plugin.js")}: alias "py" is already a name of PYTHON`,
    );
  });

  it("refuses a manager name that another manager has, and a manager without its installer", async () => {
    const taken = pluginsDir("toypip", VALID.replace('aliases: ["toys"]', 'aliases: ["pip"]'));
    expect(await failure(taken)).toContain('packageManager name "pip" is already a name of PIP');
    const noInstaller = pluginsDir("toylang", VALID, { installer: false });
    expect(await failure(noInstaller)).toContain("packageManager TOYPKG needs its installer, image/install-toypkg");
  });

  it("refuses a subfolder without plugin.js", async () => {
    const dir = mkdtempSync(join(tmpdir(), "language-plugins-"));
    folders.push(dir);
    mkdirSync(join(dir, "empty"));
    expect(await failure(dir)).toBe(`LANGUAGE_PLUGINS_DIR: ${join(dir, "empty")}: holds no plugin.js or plugin.mjs`);
  });
});

/**
 * LANGUAGE_PLUGINS_DIR as `npm start` reads it: a broken plugin stops the process before it touches
 * Docker or the data folder, naming the plugin's file; a valid one adds its enum values at start.
 * Docker is pointed at a socket that does not exist: none of this needs it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const PLUGIN = `
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
    spec: { pattern: /^[a-z]+$/, accepted: "a lower-case name" },
  },
  recipe: { stages: [], steps: ["RUN true"], vendor: [] },
  analysisRules: [],
};
`;

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A plugins folder with NAME/plugin.js holding `source` (and the installer its manager needs). */
async function pluginsDir(name: string, source: string): Promise<{ dir: string; file: string }> {
  const dir = await tempDir("mcp-executor-plugins-");
  await mkdir(join(dir, name, "image"), { recursive: true });
  await writeFile(join(dir, name, "plugin.js"), source);
  await writeFile(join(dir, name, "image", "install-toypkg"), "echo ::installed toy 1\n");
  return { dir, file: join(dir, name, "plugin.js") };
}

async function startServer(pluginsDir: string) {
  const dataDir = await tempDir("mcp-executor-process-");
  const child = spawn(process.execPath, ["dist/main.js"], {
    env: {
      ...process.env,
      PORT: "0",
      DATA_DIR: dataDir,
      AUTH: "off",
      DOCKER_HOST: "unix:///nonexistent/docker.sock",
      BUILD_IMAGE_ON_START: "false",
      POOL_SIZE: "0",
      LANGUAGE_PLUGINS_DIR: pluginsDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = new Promise<string | null>((resolve) => {
    child.stderr?.on("data", () => {
      const match = /GraphQL \(and GraphiQL\) at (\S+);/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", () => resolve(null));
  });
  return { dataDir, exited, url, stderr: () => stderr };
}

describe("LANGUAGE_PLUGINS_DIR at start", () => {
  it.each([
    ["a bad shape", pluginWith('steps: ["RUN true"]', 'steps: "RUN true"'), "recipe.steps must be an array of strings"],
    ["a syntax error", "export default {\n  id: 'TOYLANG',,\n", "cannot be loaded: "],
    ["no default export", "export const plugin = {};\n", "has no default export"],
    ["a taken id", pluginWith('id: "TOYLANG"', 'id: "PYTHON"'), "id PYTHON is taken by another language"],
  ])(
    "stops the start on %s, naming the plugin's file, before the data folder is taken",
    async (_what, source, problem) => {
      const { dir, file } = await pluginsDir("toylang", source);
      const server = await startServer(dir);
      expect(await server.exited, server.stderr()).toBe(1);
      expect(server.stderr()).toContain(`configuration error: LANGUAGE_PLUGINS_DIR: ${file}: ${problem}`);
      expect(existsSync(join(server.dataDir, "owner.json"))).toBe(false);
    },
  );

  it("stops the start when the folder does not exist", async () => {
    const missing = join(await tempDir("mcp-executor-plugins-"), "nowhere");
    const server = await startServer(missing);
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain(`LANGUAGE_PLUGINS_DIR=${missing} is not accepted: give a folder`);
  });

  it("adds a valid plugin's language and manager to the enums", async () => {
    const { dir } = await pluginsDir("toylang", PLUGIN);
    const server = await startServer(dir);
    const url = await server.url;
    expect(url, server.stderr()).not.toBeNull();
    const response = await fetch(url as string, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query:
          '{ language: __type(name: "Language") { enumValues { name } } manager: __type(name: "PackageManager") { enumValues { name } } }',
      }),
    });
    const { data } = await response.json();
    const names = (type: { enumValues: { name: string }[] }) => type.enumValues.map((value) => value.name);
    expect(names(data.language)).toEqual(expect.arrayContaining(["PYTHON", "BASH", "TOYLANG"]));
    expect(names(data.manager)).toEqual(expect.arrayContaining(["PIP", "APT", "TOYPKG"]));
  });
});

function pluginWith(from: string, to: string): string {
  if (!PLUGIN.includes(from)) throw new Error(`the plugin has no ${from}`);
  return PLUGIN.replace(from, to);
}

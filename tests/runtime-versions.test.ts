/**
 * Runtime versions side by side, through the real server and real containers: the default image
 * carries Node.js 22 and 24 and .NET 8 and 10, runs pick one with `version`, results record the
 * version that ran, and a custom image built with `versions` has only what it asked for.
 */
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/paths.js";
import { waitForImage } from "./support/graphql-helpers.js";
import { makeDataDir, startTestServer, type TestServer } from "./support/test-server.js";

const CLI = join(PROJECT_ROOT, "bin", "mcp-docker-executor.js");
const EXECUTE = `mutation ($input: ExecuteInput!) {
  execute(input: $input) { id status stdout stderr exitCode runtimeVersion } }`;

interface Runtime {
  language: string;
  version: string;
  isDefault: boolean;
}

describe("runtime versions", () => {
  let dataDir: string;
  let server: TestServer;

  const execute = async (input: Record<string, unknown>) => {
    const { data, errors } = await server.request<{
      execute: { id: string; status: string; stdout: string; stderr: string; runtimeVersion: string | null };
    }>(EXECUTE, { input });
    return { execution: data?.execute, errors };
  };

  beforeAll(async () => {
    dataDir = await makeDataDir();
    server = await startTestServer({}, { dataDir });
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("lists one runtime per language and version, with the default marked", async () => {
    const { data, errors } = await server.request<{ runtimes: Runtime[] }>(
      "{ runtimes { language version isDefault } }",
    );
    expect(errors).toBeUndefined();
    const of = (language: string) => data?.runtimes.filter((runtime) => runtime.language === language) ?? [];
    expect(
      of("NODE")
        .map(({ version }) => version.split(".")[0])
        .sort(),
    ).toEqual(["22", "24"]);
    expect(
      of("CSHARP")
        .map(({ version }) => version.split(".")[0])
        .sort(),
    ).toEqual(["10", "8"]);
    for (const language of ["PYTHON", "NODE", "CSHARP", "BASH"]) {
      expect(
        of(language).filter(({ isDefault }) => isDefault),
        language,
      ).toHaveLength(1);
    }
    expect(of("NODE").find(({ isDefault }) => isDefault)?.version).toMatch(/^24\./);
    expect(of("PYTHON")[0]?.version).toMatch(/^3\.11\./);
  }, 120_000);

  it("runs node@22 and node@24, and records the version that ran", async () => {
    const code = "console.log(process.version)";
    const on22 = await execute({ language: "NODE", code, version: "22" });
    expect(on22.errors).toBeUndefined();
    expect(on22.execution).toMatchObject({ status: "SUCCEEDED", runtimeVersion: expect.stringMatching(/^22\./) });
    expect(on22.execution?.stdout).toMatch(/^v22\./);
    expect(on22.execution?.stdout.trim()).toBe(`v${on22.execution?.runtimeVersion}`);
    const on24 = await execute({ language: "NODE", code, version: "24" });
    expect(on24.execution?.stdout).toMatch(/^v24\./);
    const byDefault = await execute({ language: "NODE", code });
    expect(byDefault.execution?.stdout).toMatch(/^v24\./);
    // An exact version pins it; the stored record says the same.
    const exact = await execute({ language: "NODE", code, version: on22.execution?.runtimeVersion });
    expect(exact.execution?.stdout).toBe(on22.execution?.stdout);
    const { data } = await server.request<{ execution: { runtimeVersion: string } }>(
      "query ($id: ID!) { execution(id: $id) { runtimeVersion } }",
      { id: on22.execution?.id },
    );
    expect(data?.execution.runtimeVersion).toBe(on22.execution?.runtimeVersion);
  }, 120_000);

  it("compiles C# against .NET 8 and runs it on 8, and on 10 by default", async () => {
    const code = "Console.WriteLine(Environment.Version);";
    // The first run of a version compiles in its sandbox; later ones on its resident compiler.
    for (let round = 0; round < 2; round++) {
      const on8 = await execute({ language: "CSHARP", code, version: "8" });
      expect(on8.errors).toBeUndefined();
      expect(on8.execution?.stdout, on8.execution?.stderr).toMatch(/^8\.0\.\d+\n$/);
      expect(on8.execution?.runtimeVersion).toBe(on8.execution?.stdout.trim());
      const on10 = await execute({ language: "CSHARP", code });
      expect(on10.execution?.stdout, on10.execution?.stderr).toMatch(/^10\.0\.\d+\n$/);
    }
    // An API that .NET 10 added is not there to compile against on 8.
    const newer = "Console.WriteLine(System.Threading.Lock.Equals(1, 1));";
    const refused = await execute({ language: "CSHARP", code: newer, version: "8" });
    expect(refused.execution?.status).toBe("FAILED");
    expect(refused.execution?.stderr).toMatch(/error CS/);
  }, 180_000);

  it("refuses a version the image does not have, naming those it has", async () => {
    const { errors } = await execute({ language: "NODE", code: "1", version: "23" });
    expect(errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(errors?.[0]?.message).toMatch(/version/);
    expect(errors?.[0]?.message).toMatch(/22\.\d+\.\d+ \(22\)/);
    expect(errors?.[0]?.message).toMatch(/24\.\d+\.\d+ \(24\)/);
    const python = await execute({ language: "PYTHON", code: "1", version: "2" });
    expect(python.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("builds an image with only the versions asked for, whose default is then the one it has", async () => {
    const refused = await server.request("mutation ($input: CreateImageInput!) { createImage(input: $input) { id } }", {
      input: { name: "versions-refused", languages: ["NODE"], versions: ["node@18"] },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(refused.errors?.[0]?.message).toMatch(/versions\[0\].*node@22, node@24/);
    const { data } = await server.request<{ createImage: { id: string } }>(
      "mutation ($input: CreateImageInput!) { createImage(input: $input) { id } }",
      { input: { name: "node22-only", languages: ["NODE"], versions: ["node@22"] } },
    );
    const id = data?.createImage.id as string;
    try {
      expect(await waitForImage(server, id)).toEqual({ status: "READY", error: null });
      const image = await server.request<{ image: { runtimes: Runtime[]; buildLog: string } }>(
        "query ($id: ID!) { image(id: $id) { runtimes { language version isDefault } buildLog } }",
        { id },
      );
      expect(image.data?.image.runtimes).toEqual([
        { language: "NODE", version: expect.stringMatching(/^22\./), isDefault: true },
      ]);
      expect(image.data?.image.buildLog).not.toContain("node-24");
      const run = await execute({ language: "NODE", code: "console.log(process.version)", imageId: id });
      expect(run.execution?.stdout).toMatch(/^v22\./);
      const on24 = await execute({ language: "NODE", code: "1", imageId: id, version: "24" });
      expect(on24.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    } finally {
      await server.request("mutation ($id: ID!) { removeImage(id: $id) }", { id });
    }
  }, 600_000);

  it("takes language@version and --version-of on the command line", async () => {
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], {
          env: { ...process.env, MCP_EXECUTOR_URL: server.url, MCP_EXECUTOR_TOKEN: server.adminKey },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      });
    const at = await cli(["exec", "node@22", "console.log(process.version)"]);
    expect(at.stdout, at.stderr).toMatch(/^v22\./);
    const option = await cli(["exec", "csharp", "Console.WriteLine(Environment.Version);", "--version-of", "8"]);
    expect(option.stdout, option.stderr).toMatch(/^8\.0\./);
    const clash = await cli(["exec", "node@22", "1", "--version-of", "24"]);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toMatch(/different versions/);
  }, 120_000);
});

/** The default image, checked as executions see it: as the sandbox user, locked down, no network. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createDockerClient } from "../src/docker/docker-client.js";
import { createDockerEngine } from "../src/docker/docker-engine.js";
import { createLogger } from "../src/logger.js";

const config = loadConfig();
const image = config.sandboxImage;
const engine = createDockerEngine(createDockerClient(), { dataDir: config.dataDir, logger: createLogger("warn") });
const run = (...command: string[]) => engine.containers.runProbe({ image, command });

describe("sandbox image", () => {
  it.each([
    ["python3", /^Python 3\.(1[1-9]|[2-9]\d)\./],
    ["node", /^v(2[2-9]|[3-9]\d)\./],
    ["dotnet", /^(8|9|\d\d)\.\d+\.\d+/],
    ["bash", /^GNU bash, version [5-9]\./],
  ])("runs %s --version", async (program, expected) => {
    const result = await run(program, "--version");
    expect(result.exitCode).toBe(0);
    expect(result.stdout + result.stderr).toMatch(expected);
  });

  it("runs as the sandbox user, uid 10001, in /workspace", async () => {
    const result = await run("bash", "-c", "id -u; id -un; pwd; stat -c %u /workspace");
    expect(result).toMatchObject({ exitCode: 0, stdout: "10001\nsandbox\n/workspace\n10001\n" });
  });

  it("has npm and pip for package installs", async () => {
    expect((await run("npm", "--version")).stdout).toMatch(/^\d+\.\d+\.\d+/);
    expect((await run("pip", "--version")).stdout).toMatch(/^pip \d+/);
  });

  it("compiles and runs a C# file of top-level statements without network", async () => {
    const result = await run(
      "bash",
      "-c",
      "printf '%s\\n' 'Console.WriteLine(\"Hello from C#!\");' > /workspace/app.cs && sandbox-csharp 10 /workspace/app.cs",
    );
    expect(result.stderr).toBe("");
    expect(result).toMatchObject({ exitCode: 0, stdout: "Hello from C#!\n" });
  });
});

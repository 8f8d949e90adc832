/**
 * Fault: the Docker engine restarts while the server works. This file stops dockerd itself and
 * starts it again with scripts/ensure-docker.sh (files run one at a time, so no other test's
 * containers are hit). A run under way ends ERROR saying the engine restarted; a build or an
 * install under way fails with the image left in its previous good state; health goes unreachable
 * and back; new runs work once the engine is back; nothing is left behind and the database is intact.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDockerClient, probeDocker } from "../src/docker/docker-client.js";
import { PROJECT_ROOT } from "../src/paths.js";
import { databaseIntegrity } from "./support/data-integrity.js";
import { waitForExecution, waitForImage, waitForInstallation, waitForOutput } from "./support/graphql-helpers.js";
import { containersOf, runContainers } from "./support/sandboxes.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const docker = createDockerClient();
const run = promisify(execFile);
const EXECUTION = "query ($id: ID!) { execution(id: $id) { status error stdout } }";
const BUILD_LOG = "query ($id: ID!) { image(id: $id) { buildLog } }";

/** A dockerd that is not a zombie (a killed one stays a zombie where PID 1 does not reap it). */
const dockerdRuns = () =>
  spawnSync("pgrep", ["-x", "dockerd"])
    .stdout.toString()
    .split("\n")
    .filter(Boolean)
    .some((pid) => !/^\d+ \(.*\) Z/.test(readStat(pid)));
const readStat = (pid: string) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return `${pid} (gone) Z`;
  }
};

/**
 * Stops dockerd and starts it again as a fresh machine would: SIGTERM is a restart (it stops its
 * containers first), SIGKILL a crash (the API goes at once, containers later).
 */
async function restartEngine(signal: "TERM" | "KILL", whileDown?: () => Promise<void>): Promise<void> {
  execFileSync("pkill", [`-${signal}`, "-x", "dockerd"]);
  await waitFor(async () => !dockerdRuns() && !(await probeDocker(docker)).reachable, {
    timeoutMs: 60_000,
    intervalMs: 200,
    what: "dockerd to stop",
  });
  await whileDown?.();
  // Not execFileSync: the server runs in this process and must go on serving meanwhile.
  await run("bash", [join(PROJECT_ROOT, "scripts", "ensure-docker.sh")]);
}

describe("the Docker engine restarts", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const execution = async (id: string) =>
    (await server.request<{ execution: { status: string; error: string | null; stdout: string } }>(EXECUTION, { id }))
      .data?.execution;

  it("ends a run under way ERROR, goes unreachable and back, and runs again", async () => {
    const { data } = await server.request<{ execute: { id: string } }>(
      "mutation ($input: ExecuteInput!) { execute(input: $input) { id } }",
      { input: { language: "BASH", code: "echo started; sleep 60", wait: false, limits: { timeoutMs: 120_000 } } },
    );
    const id = data?.execute.id as string;
    await waitFor(async () => (await execution(id))?.status === "RUNNING", {
      timeoutMs: 20_000,
      what: "the run to start",
    });
    // Its program is under way, not only its container: it has printed its first line.
    expect(await waitForOutput(server, id, { timeoutMs: 20_000 })).toContain("started");
    await restartEngine("TERM", async () => {
      const { data: health } = await server.request<{ health: { ok: boolean; docker: { reachable: boolean } } }>(
        "{ health { ok docker { reachable } } }",
      );
      expect(health?.health).toEqual({ ok: false, docker: { reachable: false } });
    });
    const ended = await waitForExecution(server, id);
    expect(ended).toMatchObject({ status: "ERROR", error: expect.stringMatching(/Docker engine restarted/) });
    const { data: health } = await server.request<{ health: { ok: boolean } }>("{ health { ok } }");
    expect(health?.health.ok).toBe(true);
    // New runs work at once (cold while the pool refills), and again once it has.
    for (let round = 0; round < 3; round++) {
      const run = await server.request<{ execute: { status: string; stdout: string } }>(
        "mutation ($input: ExecuteInput!) { execute(input: $input) { status stdout } }",
        { input: { language: "PYTHON", code: "print('back')" } },
      );
      expect(run.data?.execute).toEqual({ status: "SUCCEEDED", stdout: "back\n" });
    }
    await waitFor(async () => (await runContainers(server.config.dataDir)).length === 0, {
      timeoutMs: 20_000,
      what: "no run's container to be left",
    });
    expect(databaseIntegrity(server.config.dataDir)).toBe("ok");
  }, 180_000);

  it("after a crash, fails a build under way with the reason, and an install under way leaves the image as it was", async () => {
    // A READY image with one package, to install into.
    const created = await server.request<{ createImage: { id: string } }>(
      "mutation ($input: CreateImageInput!) { createImage(input: $input) { id } }",
      { input: { name: `engine-restart-${Date.now()}`, languages: ["BASH"] } },
    );
    const imageId = created.data?.createImage.id as string;
    expect(await waitForImage(server, imageId)).toEqual({ status: "READY", error: null });
    const before = await server.request<{ image: { dockerImageId: string } }>(
      "query ($id: ID!) { image(id: $id) { dockerImageId } }",
      { id: imageId },
    );

    // An install that takes a while (apt update), and a build that does even when its layers are
    // cached: a C# image's build context carries the .NET SDK, hundreds of MB sent to the engine.
    const installing = await server.request<{ installPackages: { id: string } }>(
      "mutation ($input: InstallPackagesInput!) { installPackages(input: $input) { id } }",
      { input: { imageId, manager: "APT", packages: ["jq"], wait: false } },
    );
    const installId = installing.data?.installPackages.id as string;
    await waitFor(async () => (await containersOf(server.config.dataDir, "install")).length > 0, {
      timeoutMs: 60_000,
      intervalMs: 100,
      what: "the install container",
    });
    const building = await server.request<{ createImage: { id: string } }>(
      "mutation ($input: CreateImageInput!) { createImage(input: $input) { id } }",
      { input: { name: `engine-restart-build-${Date.now()}`, languages: ["CSHARP"] } },
    );
    const buildId = building.data?.createImage.id as string;
    // The build has begun (its first log line): every step from here on needs the engine.
    const buildLog = async () =>
      (await server.request<{ image: { buildLog: string } }>(BUILD_LOG, { id: buildId })).data?.image.buildLog;
    await waitFor(buildLog, { timeoutMs: 60_000, what: `image ${buildId} to log its first build line` });
    // A crash this time: a graceful stop lets the build finish first.
    await restartEngine("KILL");

    const build = await waitForImage(server, buildId);
    expect(build.status).toBe("FAILED");
    expect(build.error).toMatch(/Docker engine restarted/);
    const { status, error } = await waitForInstallation(server, installId, 60_000);
    expect({ status, error }).toEqual({ status: "FAILED", error: expect.stringMatching(/Docker engine restarted/) });
    const after = await server.request<{ image: { status: string; dockerImageId: string; packages: unknown[] } }>(
      "query ($id: ID!) { image(id: $id) { status dockerImageId packages { name } } }",
      { id: imageId },
    );
    expect(after.data?.image).toEqual({
      status: "READY",
      dockerImageId: before.data?.image.dockerImageId,
      packages: [],
    });
    // The image still runs, and no install container is left.
    const run = await server.request<{ execute: { stdout: string } }>(
      "mutation ($input: ExecuteInput!) { execute(input: $input) { stdout } }",
      { input: { imageId, language: "BASH", code: "command -v jq || echo no jq" } },
    );
    expect(run.data?.execute.stdout).toBe("no jq\n");
    expect(await containersOf(server.config.dataDir, "install")).toEqual([]);
    expect(databaseIntegrity(server.config.dataDir)).toBe("ok");
    for (const id of [imageId, buildId]) await server.request("mutation ($id: ID!) { removeImage(id: $id) }", { id });
  }, 600_000);
});

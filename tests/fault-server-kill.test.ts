/**
 * Fault: the server is SIGKILLed during a build (while its context streams to the engine) and
 * during an install (a run is covered in execution-lifecycle.test.ts). After a restart on the same
 * data folder they are FAILED with a reason, no FAILED image has a Docker image behind its name,
 * the image installed into is as it was, and no container of the folder is left. And probe
 * containers carry the folder's label, so that a crash's leftover probe is swept too.
 */
import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { createDockerClient } from "../src/docker/docker-client.js";
import { findImage } from "../src/docker/images.js";
import { OWNER_LABEL, OWNER_VALUE, PURPOSE_LABEL, STORE_LABEL, storeLabelValue } from "../src/docker/labels.js";
import { CUSTOM_REPOSITORY_PREFIX } from "../src/services/images/image-builds.js";
import { databaseIntegrity } from "./support/data-integrity.js";
import { waitForImage } from "./support/graphql-helpers.js";
import { containersOf } from "./support/sandboxes.js";
import { spawnServer } from "./support/server-process.js";
import { makeDataDir, startTestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const docker = createDockerClient();
const CREATE = "mutation ($input: CreateImageInput!) { createImage(input: $input) { id name } }";
const IMAGE = "query ($id: ID!) { image(id: $id) { status error dockerImageId packages { name } } }";
/**
 * What the server must have written since a build began for its context to be on its way to the
 * engine: the .NET SDK in a C# image's context is hundreds of MB, and nothing else it writes
 * (log lines, the store, other Docker calls) comes near this.
 */
const CONTEXT_UNDER_WAY_BYTES = 64 * 1024 * 1024;

const dataDirs: string[] = [];
afterAll(async () => {
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

async function freshDataDir(): Promise<string> {
  const dataDir = await makeDataDir();
  dataDirs.push(dataDir);
  return dataDir;
}

/** No container of the folder at all: the sweep at start removed what the crash left. */
async function noContainersLeft(dataDir: string): Promise<void> {
  const label = `${STORE_LABEL}=${storeLabelValue(dataDir)}`;
  const pooled = new Set((await containersOf(dataDir)).map((container) => container.Id));
  const others = await docker.listContainers({ all: true, filters: { label: [label] } });
  // Execution containers are the new server's pool; everything else must be gone.
  expect(others.filter((container) => !pooled.has(container.Id))).toEqual([]);
  for (const purpose of ["install", "probe", "compiler"]) expect(await containersOf(dataDir, purpose)).toEqual([]);
}

describe("the server is killed", () => {
  it("during a build: FAILED after a restart, with no Docker image behind its name", async () => {
    const dataDir = await freshDataDir();
    const crashing = await spawnServer(dataDir);
    const written = await crashing.bytesWritten();
    const { data, errors } = await crashing.request<{ createImage: { id: string; name: string } }>(CREATE, {
      input: { name: `killed-build-${Date.now()}`, languages: ["CSHARP"] },
    });
    expect(errors).toBeUndefined();
    const created = data?.createImage as { id: string; name: string };
    // Killed while the context streams: the engine's classic builder (the API's default) reads the
    // whole context before the first step, so with part of it this build never runs, let alone tags.
    await waitFor(async () => (await crashing.bytesWritten()) - written > CONTEXT_UNDER_WAY_BYTES, {
      timeoutMs: 60_000,
      intervalMs: 20,
      what: "the build context to stream to the engine",
    });
    await crashing.kill();

    const server = await startTestServer({}, { dataDir });
    try {
      // It answers only once its start-up sweep has ended: the record is final, and the sweep has
      // removed any tag the name had.
      const { data: after } = await server.request<{ image: { status: string; error: string | null } }>(IMAGE, {
        id: created.id,
      });
      expect(after?.image).toMatchObject({ status: "FAILED", error: "server restarted" });
      expect(await findImage(docker, `${CUSTOM_REPOSITORY_PREFIX}${created.name}:latest`)).toBeNull();
      await noContainersLeft(dataDir);
      expect(databaseIntegrity(dataDir)).toBe("ok");
    } finally {
      await server.stop();
    }
  }, 180_000);

  it("during an install: FAILED after a restart, the image as it was, the install container gone", async () => {
    const dataDir = await freshDataDir();
    const crashing = await spawnServer(dataDir);
    const { data, errors } = await crashing.request<{ createImage: { id: string } }>(CREATE, {
      input: { name: `killed-install-${Date.now()}`, languages: ["BASH"] },
    });
    expect(errors).toBeUndefined();
    const imageId = data?.createImage.id as string;
    expect(await waitForImage(crashing, imageId)).toEqual({ status: "READY", error: null });
    const { data: built } = await crashing.request<{ image: { dockerImageId: string } }>(IMAGE, { id: imageId });
    const ready = built?.image as { dockerImageId: string };
    const installing = await crashing.request<{ installPackages: { id: string } }>(
      "mutation ($input: InstallPackagesInput!) { installPackages(input: $input) { id } }",
      { input: { imageId, manager: "APT", packages: ["jq"], wait: false } },
    );
    const installId = installing.data?.installPackages.id as string;
    await waitFor(async () => (await containersOf(dataDir, "install")).length > 0, {
      timeoutMs: 60_000,
      intervalMs: 100,
      what: "the install container",
    });
    await crashing.kill();

    const server = await startTestServer({}, { dataDir });
    try {
      const { data: installation } = await server.request<{
        packageInstallation: { status: string; error: string | null };
      }>("query ($id: ID!) { packageInstallation(id: $id) { status error } }", { id: installId });
      expect(installation?.packageInstallation).toEqual({ status: "FAILED", error: "server restarted" });
      const { data: image } = await server.request<{ image: Record<string, unknown> }>(IMAGE, { id: imageId });
      expect(image?.image).toEqual({ status: "READY", error: null, dockerImageId: ready.dockerImageId, packages: [] });
      const run = await server.request<{ execute: { stdout: string } }>(
        "mutation ($input: ExecuteInput!) { execute(input: $input) { stdout } }",
        { input: { imageId, language: "BASH", code: "command -v jq || echo no jq" } },
      );
      expect(run.data?.execute.stdout).toBe("no jq\n");
      await noContainersLeft(dataDir);
      expect(databaseIntegrity(dataDir)).toBe("ok");
      await server.request("mutation ($id: ID!) { removeImage(id: $id) }", { id: imageId });
    } finally {
      await server.stop();
    }
  }, 420_000);

  it("labels probe containers with the data folder, and sweeps one a crash left", async () => {
    const dataDir = await freshDataDir();
    const store = storeLabelValue(dataDir);
    // A probe left by a crash: a container of the default image with a probe's labels.
    const config = (await import("../src/config.js")).loadConfig();
    const leftover = await docker.createContainer({
      Image: config.sandboxImage,
      Cmd: ["sleep", "300"],
      Labels: { [OWNER_LABEL]: OWNER_VALUE, [PURPOSE_LABEL]: "probe", [STORE_LABEL]: store },
      NetworkDisabled: true,
    });
    await leftover.start();
    const events = await docker.getEvents({ filters: { type: ["container"], event: ["create"] } });
    const created: Record<string, string>[] = [];
    events.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        const event = JSON.parse(line) as { Actor?: { Attributes?: Record<string, string> } };
        if (event.Actor?.Attributes) created.push(event.Actor.Attributes);
      }
    });
    const server = await startTestServer({ POOL_SIZE: "0" }, { dataDir });
    try {
      expect(await containersOf(dataDir, "probe")).toEqual([]);
      // A fresh process probes every runtime of the default image.
      const { data } = await server.request<{ runtimes: unknown[] }>("{ runtimes { language version } }");
      expect(data?.runtimes.length).toBeGreaterThan(4);
      const probes = created.filter((labels) => labels[PURPOSE_LABEL] === "probe");
      expect(probes.length).toBeGreaterThan(0);
      for (const labels of probes) expect(labels[STORE_LABEL]).toBe(store);
      await waitFor(async () => (await containersOf(dataDir, "probe")).length === 0, {
        timeoutMs: 10_000,
        what: "the probes to be removed",
      });
    } finally {
      (events as unknown as { destroy(): void }).destroy();
      await server.stop();
    }
  }, 120_000);
});

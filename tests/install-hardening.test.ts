/**
 * The install container, inspected while it runs: every capability dropped but those its manager
 * needs, no privilege gain, limits set, the bridge network, and a download cache of the image's
 * own, which goes with the image.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDockerClient } from "../src/docker/docker-client.js";
import { packageCacheVolume } from "../src/docker/install-container.js";
import { languageById } from "../src/languages/index.js";
import { waitForImage, waitForInstallation } from "./support/graphql-helpers.js";
import { containersOf } from "./support/sandboxes.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const docker = createDockerClient();

describe("install containers", () => {
  let server: TestServer;
  let imageId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { data } = await server.request<{ createImage: { id: string } }>(
      "mutation ($input: CreateImageInput!) { createImage(input: $input) { id } }",
      { input: { name: `hardened-${Date.now()}`, languages: ["BASH"] } },
    );
    imageId = data?.createImage.id as string;
    expect(await waitForImage(server, imageId)).toEqual({ status: "READY", error: null });
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("runs apt with only the capabilities it needs, no privilege gain, limits and its own cache", async () => {
    const { data, errors } = await server.request<{ installPackages: { id: string } }>(
      "mutation ($input: InstallPackagesInput!) { installPackages(input: $input) { id } }",
      { input: { imageId, manager: "APT", packages: ["jq"], wait: false } },
    );
    expect(errors).toBeUndefined();
    const container = await waitFor(async () => (await containersOf(server.config.dataDir, "install"))[0], {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: "the install container",
    });
    const { HostConfig: host } = await docker.getContainer(container.Id).inspect();
    expect(host.CapDrop).toEqual(["ALL"]);
    const apt = languageById("BASH").packageManager;
    expect([...(host.CapAdd ?? [])].sort()).toEqual([...(apt?.installCapabilities ?? [])].sort());
    expect([...(host.CapAdd ?? [])].sort()).toEqual(["CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"]);
    expect(host.SecurityOpt).toContain("no-new-privileges");
    expect(host.Memory).toBeGreaterThan(0);
    expect(host.MemorySwap).toBe(host.Memory);
    expect(host.PidsLimit).toBeGreaterThan(0);
    expect(host.NanoCpus).toBeGreaterThan(0);
    expect(host.NetworkMode).toBe("bridge");
    expect(host.Binds).toEqual([`${packageCacheVolume(imageId)}:/var/cache/mcp-executor`]);

    const installation = await waitForInstallation(server, data?.installPackages.id as string);
    expect(installation.status, installation.log).toBe("SUCCEEDED");
    const run = await server.request<{ execute: { stdout: string } }>(
      "mutation ($input: ExecuteInput!) { execute(input: $input) { stdout } }",
      { input: { imageId, language: "BASH", code: "echo '{\"a\":1}' | jq .a" } },
    );
    expect(run.data?.execute.stdout).toBe("1\n");
  }, 360_000);

  it("keeps the download cache per image, labelled, and removes it with the image", async () => {
    const volume = await docker.getVolume(packageCacheVolume(imageId)).inspect();
    expect(Object.keys(volume.Labels ?? {}).length).toBeGreaterThan(0);
    await server.request("mutation ($id: ID!) { removeImage(id: $id) }", { id: imageId });
    const gone = await docker
      .getVolume(packageCacheVolume(imageId))
      .inspect()
      .then(() => false)
      .catch((error: { statusCode?: number }) => error.statusCode === 404);
    expect(gone).toBe(true);
  });
});

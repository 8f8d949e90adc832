/**
 * Fault: an install finishes while runs wait in the queue for the image it replaces. The install
 * commits a new Docker image and removes the one the runs were accepted for (nothing used it
 * yet); the runs must still run, on one or the other, and never end ERROR for it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForExecution, waitForImage } from "./support/graphql-helpers.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const EXECUTE = "mutation ($input: ExecuteInput!) { execute(input: $input) { id status } }";
const EXECUTION = "query ($id: ID!) { execution(id: $id) { status stdout error } }";

describe("an install finishing while runs are QUEUED on its image", () => {
  let server: TestServer;
  let imageId: string;

  beforeAll(async () => {
    // One run at a time, so that a blocker keeps the others QUEUED.
    server = await startTestServer({ EXEC_MAX_CONCURRENCY: "1" });
    const { data } = await server.request<{ createImage: { id: string } }>(
      "mutation ($input: CreateImageInput!) { createImage(input: $input) { id } }",
      { input: { name: `queued-install-${Date.now()}`, languages: ["BASH"] } },
    );
    imageId = data?.createImage.id as string;
    expect(await waitForImage(server, imageId)).toEqual({ status: "READY", error: null });
  }, 600_000);

  afterAll(async () => {
    if (imageId) await server?.request("mutation ($id: ID!) { removeImage(id: $id) }", { id: imageId });
    await server?.stop();
  });

  it("runs them all, none ERROR", async () => {
    const blocker = await server.request<{ execute: { id: string } }>(EXECUTE, {
      input: { language: "BASH", code: "sleep 120", wait: false, limits: { timeoutMs: 150_000 } },
    });
    const blockerId = blocker.data?.execute.id as string;
    await waitFor(
      async () =>
        (await server.request<{ execution: { status: string } }>(EXECUTION, { id: blockerId })).data?.execution
          .status === "RUNNING",
      { timeoutMs: 20_000, what: "the blocker to run" },
    );
    const queued: string[] = [];
    for (let index = 0; index < 3; index++) {
      const { data } = await server.request<{ execute: { id: string; status: string } }>(EXECUTE, {
        input: { imageId, language: "BASH", code: `echo run ${index}`, wait: false },
      });
      expect(data?.execute.status).toBe("QUEUED");
      queued.push(data?.execute.id as string);
    }
    const installed = await server.request<{ installPackages: { status: string; log: string } }>(
      "mutation ($input: InstallPackagesInput!) { installPackages(input: $input) { status log } }",
      { input: { imageId, manager: "APT", packages: ["jq"] } },
    );
    expect(installed.data?.installPackages.status, installed.data?.installPackages.log).toBe("SUCCEEDED");
    for (const id of queued) {
      const { data } = await server.request<{ execution: { status: string } }>(EXECUTION, { id });
      expect(data?.execution.status).toBe("QUEUED");
    }
    await server.request("mutation ($id: ID!) { cancelExecution(id: $id) { status } }", { id: blockerId });
    for (const [index, id] of queued.entries()) {
      const ended = await waitForExecution(server, id);
      expect(ended).toEqual({ status: "SUCCEEDED", stdout: `run ${index}\n`, error: null });
    }
  }, 300_000);
});

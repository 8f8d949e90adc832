/**
 * What a follower decides when it leaves (run's cancelOnUnsubscribe), resuming build and install
 * logs from a seq with their final line, and cancelling a build and an install: through a real
 * server, real graphql-ws clients and the real Docker engine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDockerClient } from "../src/docker/docker-client.js";
import { OWNER_LABEL, PURPOSE_LABEL } from "../src/docker/labels.js";
import { openRawGraphQLSocket } from "./support/raw-graphql-socket.js";
import { collect, follow, startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const docker = createDockerClient();

interface LogLineResult {
  seq: number;
  line: string;
  final: boolean;
  status: string | null;
  error: string | null;
}

const LOG_FIELDS = "seq line final status error";
const RUN = `subscription ($input: ExecuteInput!, $cancel: Boolean) {
  run(input: $input, cancelOnUnsubscribe: $cancel) { executionId seq ... on LogChunk { data } } }`;

describe("following, resuming and cancelling jobs", () => {
  let server: TestServer;
  /** A Bash-only image, built once: its layers are the default image's, so the build is short. */
  let bashImage: string;

  const statusOf = async (id: string) => {
    const { data } = await server.request<{ execution: { status: string } }>(
      "query ($id: ID!) { execution(id: $id) { status } }",
      { id },
    );
    return data?.execution.status;
  };

  /** Every line of a job's log after afterSeq, to its end. */
  const logOf =
    (field: "imageBuildLogs" | "packageInstallationLogs") =>
    (id: string, afterSeq?: number): Promise<LogLineResult[]> =>
      collect<Record<string, LogLineResult>>(
        server.wsClient(),
        `subscription ($id: ID!, $after: Int) { ${field}(id: $id, afterSeq: $after) { ${LOG_FIELDS} } }`,
        { id, after: afterSeq },
      ).then((received) => received.map((result) => result.value.data?.[field] as LogLineResult));
  const buildLog = logOf("imageBuildLogs");
  const installLog = logOf("packageInstallationLogs");

  const createImage = async (name: string, languages: string[]) => {
    const { data, errors } = await server.request<{ createImage: { id: string } }>(
      "mutation ($input: CreateImageInput!) { createImage(input: $input) { id } }",
      { input: { name, languages } },
    );
    expect(errors).toBeUndefined();
    return data?.createImage.id as string;
  };

  const startInstall = async (imageId: string, manager: string, packages: string[]) => {
    const { data, errors } = await server.request<{ installPackages: { id: string; status: string } }>(
      "mutation ($input: InstallPackagesInput!) { installPackages(input: $input) { id status } }",
      { input: { imageId, manager, packages, wait: false } },
    );
    expect(errors).toBeUndefined();
    return data?.installPackages.id as string;
  };

  beforeAll(async () => {
    server = await startTestServer();
    bashImage = await createImage("job-control-bash", ["BASH"]);
    const lines = await buildLog(bashImage);
    expect(lines.at(-1)).toMatchObject({ final: true, status: "SUCCEEDED", error: null });
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
  });

  describe("run: leaving before the end", () => {
    const leaveAfterFirstLine = async (cancel: boolean) => {
      const client = server.wsClient();
      const run = follow<{ run: { executionId: string; data?: string } }>(client, RUN, {
        input: { language: "PYTHON", code: "import time\nprint('started', flush=True)\ntime.sleep(3)\nprint('done')" },
        cancel,
      });
      const first = await waitFor(
        () => run.received.find((result) => result.value.data?.run.data?.includes("started")),
        { timeoutMs: 30_000, what: "the program's first line" },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; received ${JSON.stringify(run.received.map((result) => result.value))}`);
      });
      run.stop();
      return first.value.data?.run.executionId as string;
    };

    it("lets the execution run on by default (cancelOnUnsubscribe false)", async () => {
      const id = await leaveAfterFirstLine(false);
      expect(await statusOf(id)).toBe("RUNNING");
      const status = await waitFor(
        async () => {
          const now = await statusOf(id);
          return now !== "RUNNING" ? now : undefined;
        },
        { timeoutMs: 30_000, what: "the execution to end" },
      );
      const { data } = await server.request<{ execution: { stdout: string; stderr: string; error: string | null } }>(
        "query ($id: ID!) { execution(id: $id) { stdout stderr error } }",
        { id },
      );
      expect(status, JSON.stringify(data?.execution)).toBe("SUCCEEDED");
    });

    it("cancels the execution with cancelOnUnsubscribe true even when the client leaves before any event", async () => {
      // Raw graphql-ws messages: subscribe, then complete at once, before the server has answered.
      const socket = await openRawGraphQLSocket(server);
      socket.send(
        JSON.stringify({
          id: "1",
          type: "subscribe",
          payload: {
            query: RUN,
            variables: { input: { language: "BASH", code: "echo never-read; sleep 30" }, cancel: true },
          },
        }),
      );
      socket.send(JSON.stringify({ id: "1", type: "complete" }));
      const newest = async () => {
        const { data } = await server.request<{ executions: { edges: { node: { id: string; status: string } }[] } }>(
          "{ executions(first: 1) { edges { node { id status } } } }",
        );
        return data?.executions.edges[0]?.node;
      };
      await waitFor(async () => (await newest())?.status === "CANCELLED", {
        timeoutMs: 15_000,
        what: "the run its client left at once to be CANCELLED",
      });
      socket.close();
    });

    it("cancels the execution with cancelOnUnsubscribe true", async () => {
      const id = await leaveAfterFirstLine(true);
      await waitFor(async () => (await statusOf(id)) === "CANCELLED", {
        timeoutMs: 5_000,
        what: "the execution to be CANCELLED",
      });
    });
  });

  describe("build and install logs", () => {
    it("resume a build log from afterSeq, ending with the same final line", async () => {
      const all = await buildLog(bashImage);
      const final = all.at(-1) as LogLineResult;
      expect(final).toMatchObject({ final: true, status: "SUCCEEDED" });
      expect(all.filter((line) => line.final)).toHaveLength(1);
      expect(all.map((line) => line.seq)).toEqual(all.map((_, index) => index + 1));
      const middle = Math.floor(all.length / 2);
      const resumed = await buildLog(bashImage, middle);
      expect(resumed).toEqual(all.slice(middle));
      expect(await buildLog(bashImage, final.seq)).toEqual([]);
    });

    it("resume an install log from afterSeq; a failed install's final line says why", async () => {
      const installation = await startInstall(bashImage, "APT", ["jq"]);
      const all = await installLog(installation);
      expect(all.at(-1)).toMatchObject({ final: true, status: "SUCCEEDED", error: null });
      expect(all.some((line) => line.line.startsWith("::installed jq"))).toBe(true);
      const resumed = await installLog(installation, 2);
      expect(resumed.map((line) => line.seq)).toEqual(all.slice(2).map((line) => line.seq));
      expect(resumed.at(-1)).toEqual(all.at(-1));

      const failing = await startInstall(bashImage, "APT", ["no-such-package-mcp-executor"]);
      const failed = await installLog(failing);
      const last = failed.at(-1) as LogLineResult;
      expect(last).toMatchObject({ final: true, status: "FAILED" });
      expect(last.error).toMatch(/exited with code/);
    });
  });

  describe("cancelling", () => {
    it("cancels a build: the image ends CANCELLED with no Docker image", async () => {
      const id = await createImage("job-control-cancelled", ["PYTHON", "NODE"]);
      const log = follow<{ imageBuildLogs: LogLineResult }>(
        server.wsClient(),
        `subscription ($id: ID!) { imageBuildLogs(id: $id) { ${LOG_FIELDS} } }`,
        { id },
      );
      await waitFor(() => log.received.length > 0, { timeoutMs: 30_000, what: "the build's first line" });
      const { data, errors } = await server.request<{
        cancelImageBuild: { status: string; dockerImageId: string | null; error: string | null };
      }>("mutation ($id: ID!) { cancelImageBuild(id: $id) { status dockerImageId error } }", { id });
      expect(errors).toBeUndefined();
      expect(data?.cancelImageBuild).toMatchObject({ status: "CANCELLED", dockerImageId: null });
      const lines = (await log.done).map((result) => result.value.data?.imageBuildLogs as LogLineResult);
      expect(lines.at(-1)).toMatchObject({ final: true, status: "CANCELLED" });
      const tagged = await docker.listImages({ filters: { reference: ["mcp-executor-custom/job-control-cancelled"] } });
      expect(tagged).toEqual([]);
    });

    it("cancels a running install: CANCELLED, the image unchanged, no install container left", async () => {
      const before = await server.request<{ image: { dockerImageId: string } }>(
        "query ($id: ID!) { image(id: $id) { dockerImageId } }",
        { id: bashImage },
      );
      const installation = await startInstall(bashImage, "APT", ["cowsay"]);
      const log = follow<{ packageInstallationLogs: LogLineResult }>(
        server.wsClient(),
        `subscription ($id: ID!) { packageInstallationLogs(id: $id) { ${LOG_FIELDS} } }`,
        { id: installation },
      );
      await waitFor(() => log.received.length > 0, { timeoutMs: 60_000, what: "the installer's first line" });
      const { data, errors } = await server.request<{ cancelPackageInstallation: { status: string } }>(
        "mutation ($id: ID!) { cancelPackageInstallation(id: $id) { status } }",
        { id: installation },
      );
      expect(errors).toBeUndefined();
      expect(data?.cancelPackageInstallation.status).toBe("CANCELLED");
      const lines = (await log.done).map((result) => result.value.data?.packageInstallationLogs as LogLineResult);
      expect(lines.at(-1)).toMatchObject({ final: true, status: "CANCELLED" });
      const after = await server.request<{ image: { dockerImageId: string; packages: { name: string }[] } }>(
        "query ($id: ID!) { image(id: $id) { dockerImageId packages { name } } }",
        { id: bashImage },
      );
      expect(after.data?.image.dockerImageId).toBe(before.data?.image.dockerImageId);
      expect(after.data?.image.packages.map((item) => item.name)).not.toContain("cowsay");
      const installers = await docker.listContainers({
        all: true,
        filters: { label: [OWNER_LABEL, `${PURPOSE_LABEL}=install`] },
      });
      expect(installers).toEqual([]);
    });
  });
});

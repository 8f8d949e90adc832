/**
 * Custom images and package installs through the real server, the real Docker engine and the
 * registries this machine reaches (npm, NuGet, Debian). PyPI is not reachable: the pip test builds
 * a wheel itself and serves it from a local index on loopback.
 */
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDockerClient } from "../src/docker/docker-client.js";
import { PURPOSE_LABEL } from "../src/docker/labels.js";
import { waitForImage } from "./support/graphql-helpers.js";
import { collect, makeDataDir, startTestServer, type TestServer } from "./support/test-server.js";
import { waitFor } from "./support/wait-for.js";

const docker = createDockerClient();
const CREATE = "mutation ($input: CreateImageInput!) { createImage(input: $input) { id name status languages } }";
const INSTALL = `mutation ($input: InstallPackagesInput!) { installPackages(input: $input) {
  id status log error packages manager image { id } } }`;
const EXECUTE = "mutation ($input: ExecuteInput!) { execute(input: $input) { status stdout stderr exitCode } }";

interface Installation {
  id: string;
  status: string;
  log: string;
  error: string | null;
}

describe("images and packages", () => {
  let dataDir: string;
  let server: TestServer;
  let pyNode: string;
  let csharpBash: string;
  let firstBuildLine: number | null = null;
  let pyNodeReadyAt = 0;

  const install = async (imageId: string, manager: string, packages: string[]) => {
    const { data, errors } = await server.request<{ installPackages: Installation }>(INSTALL, {
      input: { imageId, manager, packages },
    });
    expect(errors).toBeUndefined();
    return data?.installPackages as Installation;
  };
  /**
   * Installs the packages unless an earlier test of this file did, and checks that it succeeded: the
   * test about an install and the tests that use what it installs call it alike, so that each test
   * sets up what it needs and runs alone (`-t`), while the whole file still installs each only once.
   */
  const installs = new Map<string, Promise<Installation>>();
  const installed = async (imageId: string, manager: string, packages: string[]) => {
    const key = JSON.stringify([imageId, manager, packages]);
    const pending = installs.get(key) ?? install(imageId, manager, packages);
    installs.set(key, pending);
    const installation = await pending;
    expect(installation.status, installation.log).toBe("SUCCEEDED");
    return installation;
  };
  const run = async (imageId: string, language: string, code: string, stdin?: string) => {
    const { data, errors } = await server.request<{ execute: { status: string; stdout: string; stderr: string } }>(
      EXECUTE,
      { input: { imageId, language, code, stdin } },
    );
    expect(errors).toBeUndefined();
    return data?.execute as { status: string; stdout: string; stderr: string };
  };

  beforeAll(async () => {
    dataDir = await makeDataDir();
    server = await startTestServer({}, { dataDir });
    const created = await server.request<{ createImage: { id: string; status: string } }>(CREATE, {
      input: { name: "py-node", languages: ["NODE", "PYTHON"] },
    });
    expect(created.data?.createImage.status).toBe("BUILDING");
    pyNode = created.data?.createImage.id as string;
    // Follow the build live: the first line must come before the image is READY.
    const logs = collect<{ imageBuildLogs: { seq: number; line: string } }>(
      server.wsClient(),
      "subscription ($id: ID!) { imageBuildLogs(id: $id) { seq line } }",
      { id: pyNode },
    ).then((received) => {
      firstBuildLine = received[0]?.at ?? null;
      return received;
    });
    const other = await server.request<{ createImage: { id: string } }>(CREATE, {
      input: { name: "csharp-bash", languages: ["CSHARP", "BASH"] },
    });
    csharpBash = other.data?.createImage.id as string;
    expect(await waitForImage(server, pyNode)).toEqual({ status: "READY", error: null });
    pyNodeReadyAt = performance.now();
    expect((await logs).length).toBeGreaterThan(3);
    expect(await waitForImage(server, csharpBash)).toEqual({ status: "READY", error: null });
  }, 1_200_000);

  afterAll(async () => {
    // csharp-bash is gone already when the removal test ran; then this answers NOT_FOUND.
    for (const id of [pyNode, csharpBash])
      if (id) await server?.request("mutation ($id: ID!) { removeImage(id: $id) }", { id });
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("builds a custom image, streaming its log before it is READY", async () => {
    expect(firstBuildLine).not.toBeNull();
    expect(firstBuildLine as number).toBeLessThan(pyNodeReadyAt);
    const { data } = await server.request<{ image: Record<string, unknown> }>(
      `query ($id: ID!) { image(id: $id) { name status languages dockerImageId sizeBytes buildLog
         runtimes { language version } } }`,
      { id: pyNode },
    );
    expect(data?.image).toMatchObject({ name: "py-node", status: "READY", languages: ["PYTHON", "NODE"] });
    expect(data?.image.dockerImageId).toMatch(/^sha256:/);
    expect(data?.image.buildLog).toContain("Successfully built");
    const runtimes = (data?.image.runtimes ?? []) as { language: string }[];
    expect(runtimes.map((runtime) => runtime.language)).toEqual(["PYTHON", "NODE"]);
  });

  it("runs Python and Node in it, and refuses C# there, naming its languages", async () => {
    expect(await run(pyNode, "PYTHON", "print('py ok')")).toMatchObject({ status: "SUCCEEDED", stdout: "py ok\n" });
    expect(await run(pyNode, "NODE", "console.log('node ok')")).toMatchObject({
      status: "SUCCEEDED",
      stdout: "node ok\n",
    });
    const refused = await server.request(EXECUTE, {
      input: { imageId: pyNode, language: "CSHARP", code: 'Console.WriteLine("no");' },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(refused.errors?.[0]?.message).toContain("PYTHON, NODE");
  });

  it("lists every image, the default one included, and refuses a taken name", async () => {
    const { data } = await server.request<{ images: { id: string; name: string; status: string }[] }>(
      "{ images { id name status } }",
    );
    expect(data?.images.map((image) => image.name)).toEqual(["mcp-executor-base", "py-node", "csharp-bash"]);
    expect(data?.images[0]).toMatchObject({ id: "default", status: "READY" });
    for (const name of ["py-node", "Bad Name", "../x", ""]) {
      const taken = await server.request(CREATE, { input: { name, languages: ["PYTHON"] } });
      expect(taken.errors?.[0]?.extensions?.code, name).toBe("BAD_USER_INPUT");
    }
  });

  it("installs an npm package that require() and import then find", async () => {
    await installed(pyNode, "NPM", ["lodash@4.17.21"]);
    expect((await run(pyNode, "NODE", "console.log(require('lodash').VERSION)")).stdout).toBe("4.17.21\n");
    const esm = await server.request<{ execute: { stdout: string } }>(EXECUTE, {
      input: {
        imageId: pyNode,
        language: "NODE",
        code: "import('lodash').then((m) => console.log(m.default.VERSION))",
      },
    });
    expect(esm.data?.execute.stdout).toBe("4.17.21\n");
  });

  it("installs a NuGet package that a C# file uses without network", async () => {
    await installed(csharpBash, "NUGET", ["Newtonsoft.Json==13.0.3"]);
    const execution = await run(
      csharpBash,
      "CSHARP",
      'using Newtonsoft.Json;\nConsole.WriteLine(JsonConvert.SerializeObject(new { name = "sandbox", ok = true }));',
    );
    expect(execution).toMatchObject({ status: "SUCCEEDED", stdout: '{"name":"sandbox","ok":true}\n' });
    // The resident compiler of the image (started by that run) compiles against the package too;
    // a program that finds no compiler log of its own was compiled outside its sandbox.
    const residentCompiled =
      'using Newtonsoft.Json;\nConsole.WriteLine(JsonConvert.SerializeObject(!File.Exists("/tmp/.csharp-build/compiler.log")));';
    await waitFor(async () => (await run(csharpBash, "CSHARP", residentCompiled)).stdout === "true\n", {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: "the resident compiler to compile a program that uses the package",
    });
  });

  it("installs an apt package whose binary is then on PATH", async () => {
    await installed(csharpBash, "APT", ["jq"]);
    expect((await run(csharpBash, "BASH", "echo '{\"a\":1}' | jq .a")).stdout).toBe("1\n");
  });

  it("lists installed packages with the versions the managers resolved", async () => {
    await installed(csharpBash, "NUGET", ["Newtonsoft.Json==13.0.3"]);
    await installed(csharpBash, "APT", ["jq"]);
    const { data } = await server.request<{ image: { packages: Record<string, unknown>[] } }>(
      "query ($id: ID!) { image(id: $id) { packages { manager name version } } }",
      { id: csharpBash },
    );
    expect(data?.image.packages).toEqual(
      expect.arrayContaining([
        { manager: "NUGET", name: "Newtonsoft.Json", version: "13.0.3" },
        { manager: "APT", name: "jq", version: expect.stringMatching(/^\d/) },
      ]),
    );
  });

  it("refuses bad specs with BAD_USER_INPUT and starts no container", async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const bad: [string, string][] = [
      ["NPM", "lodash; touch /tmp/x"],
      ["NPM", "$(id)"],
      ["PIP", "--index-url=http://x"],
      ["PIP", "-r /etc/passwd"],
      ["NPM", "../x"],
      ["PIP", "requests\nflask"],
    ];
    for (const [manager, spec] of bad) {
      const { errors } = await server.request(INSTALL, { input: { imageId: pyNode, manager, packages: [spec] } });
      expect(errors?.[0]?.extensions?.code, spec).toBe("BAD_USER_INPUT");
      expect(errors?.[0]?.message, spec).toContain(JSON.stringify(spec));
    }
    const events = await docker.getEvents({
      since,
      until: Math.floor(Date.now() / 1000) + 1,
      filters: { type: ["container"], event: ["create"], label: [`${PURPOSE_LABEL}=install`] },
    });
    const text = await new Promise<string>((resolve, reject) => {
      let body = "";
      const stream = events as unknown as NodeJS.ReadableStream;
      stream.on("data", (chunk) => (body += chunk));
      stream.on("end", () => resolve(body));
      stream.on("error", reject);
    });
    expect(text.trim()).toBe("");
  });

  it("reports a failed install with the manager's message and leaves the image as it was", async () => {
    await installed(pyNode, "NPM", ["lodash@4.17.21"]);
    const before = await server.request<{ image: { dockerImageId: string } }>(
      "query ($id: ID!) { image(id: $id) { dockerImageId } }",
      { id: pyNode },
    );
    const failed = await install(pyNode, "NPM", ["mcp-executor-no-such-package-4e1d"]);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/404|E404|Not Found/i);
    expect(failed.log).toMatch(/404|Not Found/i);
    const after = await server.request<{ image: { dockerImageId: string } }>(
      "query ($id: ID!) { image(id: $id) { dockerImageId } }",
      { id: pyNode },
    );
    expect(after.data?.image.dockerImageId).toBe(before.data?.image.dockerImageId);
    expect((await run(pyNode, "NODE", "console.log(require('lodash').VERSION)")).stdout).toBe("4.17.21\n");
  });

  it("keeps images, packages and what they install across a restart", async () => {
    await installed(pyNode, "NPM", ["lodash@4.17.21"]);
    await installed(csharpBash, "APT", ["jq"]);
    const query = "{ images { id name status dockerImageId packages { manager name version } } }";
    const before = (await server.request(query)).data;
    await server.stop();
    server = await startTestServer({}, { dataDir });
    expect((await server.request(query)).data).toEqual(before);
    expect((await run(pyNode, "NODE", "console.log(require('lodash').VERSION)")).stdout).toBe("4.17.21\n");
    expect((await run(csharpBash, "BASH", "jq --version")).status).toBe("SUCCEEDED");
  });

  it("removes an image and its Docker image", async () => {
    const { data } = await server.request<{ image: { dockerImageId: string } }>(
      "query ($id: ID!) { image(id: $id) { dockerImageId } }",
      { id: csharpBash },
    );
    const removed = await server.request<{ removeImage: boolean }>("mutation ($id: ID!) { removeImage(id: $id) }", {
      id: csharpBash,
    });
    expect(removed.data?.removeImage).toBe(true);
    expect(
      (await server.request<{ image: null }>("query ($id: ID!) { image(id: $id) { id } }", { id: csharpBash })).data
        ?.image,
    ).toBeNull();
    await expect(docker.getImage(data?.image.dockerImageId as string).inspect()).rejects.toMatchObject({
      statusCode: 404,
    });
    const again = await server.request("mutation ($id: ID!) { removeImage(id: $id) }", { id: csharpBash });
    expect(again.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

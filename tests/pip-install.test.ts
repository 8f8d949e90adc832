/**
 * pip installs, where PyPI is not reachable: the test builds a small wheel itself, serves it from a
 * PEP 503 index on loopback, and points the server at it (PIP_INDEX_URL, with installs on the
 * host's network so that the container reaches this machine's loopback).
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForImage } from "./support/graphql-helpers.js";
import { buildWheel, PACKAGE, serveIndex, VERSION } from "./support/local-pypi.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

describe("pip install from a local index", () => {
  let index: Server;
  let server: TestServer;
  let imageId: string | undefined;

  beforeAll(async () => {
    index = await serveIndex(await buildWheel());
    const { port } = index.address() as AddressInfo;
    server = await startTestServer({ PIP_INDEX_URL: `http://127.0.0.1:${port}/simple/`, INSTALL_NETWORK: "host" });
  });

  afterAll(async () => {
    if (imageId) await server.request("mutation ($id: ID!) { removeImage(id: $id) }", { id: imageId });
    await server?.stop();
    await new Promise((resolve) => index?.close(resolve));
  });

  it("installs the wheel with PIP, and Python imports it", async () => {
    const created = await server.request<{ createImage: { id: string } }>(
      'mutation { createImage(input: { name: "py-only", languages: [PYTHON] }) { id } }',
    );
    imageId = created.data?.createImage.id as string;
    expect(await waitForImage(server, imageId)).toEqual({ status: "READY", error: null });

    const installed = await server.request<{ installPackages: { status: string; log: string } }>(
      "mutation ($input: InstallPackagesInput!) { installPackages(input: $input) { status log } }",
      { input: { imageId, manager: "PIP", packages: [`${PACKAGE}==${VERSION}`] } },
    );
    expect(installed.data?.installPackages.status, installed.data?.installPackages.log).toBe("SUCCEEDED");

    const execution = await server.request<{ execute: { status: string; stdout: string } }>(
      "mutation ($input: ExecuteInput!) { execute(input: $input) { status stdout } }",
      { input: { imageId, language: "PYTHON", code: `import ${PACKAGE}\nprint(${PACKAGE}.__version__)` } },
    );
    expect(execution.data?.execute).toEqual({ status: "SUCCEEDED", stdout: `${VERSION}\n` });

    const image = await server.request<{ image: { packages: unknown[] } }>(
      "query ($id: ID!) { image(id: $id) { packages { manager name version } } }",
      { id: imageId },
    );
    expect(image.data?.image.packages).toEqual([{ manager: "PIP", name: PACKAGE, version: VERSION }]);
  });

  it("accepts the seed's spec requests==2.31.0 (validation only: PyPI is out of reach here)", async () => {
    const { validatePackageSpecs } = await import("../src/services/images/package-specs.js");
    expect(() => validatePackageSpecs("PIP", ["requests==2.31.0"])).not.toThrow();
  });
});

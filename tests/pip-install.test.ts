/**
 * pip installs, where PyPI is not reachable: the test builds a small wheel itself, serves it from a
 * PEP 503 index on loopback, and points the server at it (PIP_INDEX_URL, with installs on the
 * host's network so that the container reaches this machine's loopback).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForImage } from "./support/graphql-helpers.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const PACKAGE = "mcp_executor_demo";
const VERSION = "1.2.3";
const WHEEL = `${PACKAGE}-${VERSION}-py3-none-any.whl`;

/** Writes a minimal pure-Python wheel with the machine's python3 (zipfile is all it needs). */
function buildWheel(dir: string): Buffer {
  const script = `
import base64, hashlib, sys, zipfile
name, version, out = sys.argv[1:4]
info = f"{name}-{version}.dist-info"
files = {
    f"{name}/__init__.py": f"__version__ = {version!r}\\n",
    f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n",
    f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: mcp-executor-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
record = []
with zipfile.ZipFile(out, "w") as wheel:
    for path, text in files.items():
        data = text.encode()
        wheel.writestr(path, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    wheel.writestr(f"{info}/RECORD", "\\n".join(record) + "\\n")
`;
  const out = join(dir, WHEEL);
  execFileSync("python3", ["-c", script, PACKAGE, VERSION, out]);
  return readFileSync(out);
}

/** A PEP 503 simple index with the one wheel. */
function serveIndex(wheel: Buffer): Promise<Server> {
  const sha256 = createHash("sha256").update(wheel).digest("hex");
  const project = PACKAGE.replace(/_/g, "-");
  const index = createServer((request, response) => {
    if (request.url === `/simple/${project}/`) {
      response.setHeader("content-type", "text/html");
      response.end(`<!DOCTYPE html><html><body><a href="/files/${WHEEL}#sha256=${sha256}">${WHEEL}</a></body></html>`);
    } else if (request.url === `/files/${WHEEL}`) {
      response.setHeader("content-type", "application/octet-stream");
      response.end(wheel);
    } else {
      response.statusCode = 404;
      response.end("not found");
    }
  });
  return new Promise((resolve) => index.listen(0, "127.0.0.1", () => resolve(index)));
}

describe("pip install from a local index", () => {
  let workDir: string;
  let index: Server;
  let server: TestServer;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), "mcp-executor-wheel-"));
    index = await serveIndex(buildWheel(workDir));
    const { port } = index.address() as AddressInfo;
    server = await startTestServer({ PIP_INDEX_URL: `http://127.0.0.1:${port}/simple/`, INSTALL_NETWORK: "host" });
  });

  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => index?.close(resolve));
    await rm(workDir, { recursive: true, force: true });
  });

  it("installs the wheel with PIP, and Python imports it", async () => {
    const created = await server.request<{ createImage: { id: string } }>(
      'mutation { createImage(input: { name: "py-only", languages: [PYTHON] }) { id } }',
    );
    const imageId = created.data?.createImage.id as string;
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
    const { validatePackageSpecs } = await import("../src/services/package-specs.js");
    expect(() => validatePackageSpecs("PIP", ["requests==2.31.0"])).not.toThrow();
  });
});

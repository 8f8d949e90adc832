/**
 * Ruby, the language added as a plugin folder (src/languages/ruby): it runs, `runtimes` lists it,
 * and GEM installs a gem. rubygems.org is out of reach here, so the test makes its own gem and
 * index (with `gem build` and `gem generate_index`, run as a Bash program in the default image, which
 * has Ruby), serves them on loopback, and points the server at them (GEM_SOURCE, with installs on
 * the host's network so that the install container reaches this machine's loopback). Needs a
 * default image built with Ruby (`npm run image:build` after pulling this change).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForImage } from "./support/graphql-helpers.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const GEM = "mcp_executor_demo";
const VERSION = "1.2.3";

/** Builds the gem and a RubyGems index of it in /tmp, and prints them as a base64 tar.gz. */
const BUILD_GEM_AND_INDEX = `set -euo pipefail
cd /tmp
mkdir -p demo/lib index/gems
cat >demo/lib/${GEM}.rb <<'RUBY'
module McpExecutorDemo
  VERSION = "${VERSION}"
end
RUBY
cat >demo/${GEM}.gemspec <<'RUBY'
Gem::Specification.new do |spec|
  spec.name = "${GEM}"
  spec.version = "${VERSION}"
  spec.summary = "A gem the tests serve themselves"
  spec.authors = ["mcp-docker-executor tests"]
  spec.license = "MIT"
  spec.files = ["lib/${GEM}.rb"]
end
RUBY
(cd demo && gem build ${GEM}.gemspec) >&2
mv demo/${GEM}-${VERSION}.gem index/gems/
gem generate_index --directory index >&2
tar -czf - -C index . | base64 -w0
`;

/**
 * Serves a folder's files (GET and HEAD), and 404 for anything else. RubyGems first asks the
 * source's root for the compact index API; the 404 there makes it read specs.4.8.gz instead.
 */
function serveFolder(folder: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    const file = join(folder, path);
    if (!file.startsWith(folder) || !existsSync(file) || !statSync(file).isFile()) {
      response.statusCode = 404;
      response.end("not found");
      return;
    }
    response.setHeader("content-type", "application/octet-stream");
    response.end(request.method === "HEAD" ? undefined : readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("Ruby", () => {
  let folder: string;
  let index: Server;
  let server: TestServer;
  let imageId: string | undefined;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "mcp-executor-gems-"));
    index = await serveFolder(folder);
    const { port } = index.address() as AddressInfo;
    server = await startTestServer({ GEM_SOURCE: `http://127.0.0.1:${port}/`, INSTALL_NETWORK: "host" });
  });

  afterAll(async () => {
    if (imageId) await server.request("mutation ($id: ID!) { removeImage(id: $id) }", { id: imageId });
    await server?.stop();
    await new Promise((resolve) => index?.close(resolve));
    await rm(folder, { recursive: true, force: true });
  });

  it("runs hello world, and runtimes lists Ruby 3.1", async () => {
    const execution = await server.request<{ execute: { status: string; stdout: string } }>(
      "mutation ($input: ExecuteInput!) { execute(input: $input) { status stdout } }",
      { input: { language: "RUBY", code: 'puts "Hello from Ruby!"' } },
    );
    expect(execution.data?.execute).toEqual({ status: "SUCCEEDED", stdout: "Hello from Ruby!\n" });

    const runtimes = await server.request<{ runtimes: { language: string; version: string }[] }>(
      "{ runtimes { language version } }",
    );
    const ruby = runtimes.data?.runtimes.find((runtime) => runtime.language === "RUBY");
    expect(ruby?.version).toMatch(/^3\.1\.\d+/);
  });

  it("installs a gem it serves itself with GEM, and Ruby requires it", async () => {
    const built = await server.request<{ execute: { status: string; stdout: string; stderr: string } }>(
      "mutation ($input: ExecuteInput!) { execute(input: $input) { status stdout stderr } }",
      { input: { language: "BASH", code: BUILD_GEM_AND_INDEX, limits: { timeoutMs: 60_000 } } },
    );
    expect(built.data?.execute.status, built.data?.execute.stderr).toBe("SUCCEEDED");
    const archive = join(folder, "..", `${GEM}-index.tgz`);
    await writeFile(archive, Buffer.from(built.data?.execute.stdout as string, "base64"));
    execFileSync("tar", ["-xzf", archive, "-C", folder]);
    await rm(archive);
    expect(existsSync(join(folder, "specs.4.8.gz"))).toBe(true);
    expect(existsSync(join(folder, "gems", `${GEM}-${VERSION}.gem`))).toBe(true);

    const created = await server.request<{ createImage: { id: string } }>(
      'mutation { createImage(input: { name: "ruby-only", languages: [RUBY] }) { id } }',
    );
    imageId = created.data?.createImage.id as string;
    expect(await waitForImage(server, imageId)).toEqual({ status: "READY", error: null });

    const installed = await server.request<{ installPackages: { status: string; log: string } }>(
      "mutation ($input: InstallPackagesInput!) { installPackages(input: $input) { status log } }",
      { input: { imageId, manager: "GEM", packages: [`${GEM}@${VERSION}`] } },
    );
    expect(installed.data?.installPackages.status, installed.data?.installPackages.log).toBe("SUCCEEDED");

    const execution = await server.request<{ execute: { status: string; stdout: string } }>(
      "mutation ($input: ExecuteInput!) { execute(input: $input) { status stdout } }",
      { input: { imageId, language: "RUBY", code: `require "${GEM}"\nputs McpExecutorDemo::VERSION` } },
    );
    expect(execution.data?.execute).toEqual({ status: "SUCCEEDED", stdout: `${VERSION}\n` });

    const image = await server.request<{ image: { packages: unknown[] } }>(
      "query ($id: ID!) { image(id: $id) { packages { manager name version } } }",
      { id: imageId },
    );
    expect(image.data?.image.packages).toEqual([{ manager: "GEM", name: GEM, version: VERSION }]);
  });
});

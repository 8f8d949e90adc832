/**
 * `npm run bench:install`: how long each manager's install takes with an empty download cache
 * (into one image), then the same install with the cache warm (into a second image). The cache
 * volume is this run's own, and is removed at the end. Prints numbers; asserts nothing.
 *
 * pip fetches from a local index of a wheel built here (PyPI is not reachable on every machine).
 */

import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createDockerClient } from "../src/docker/docker-client.js";
import { PACKAGE_CACHE_VOLUME } from "../src/docker/install-container.js";
import type { LogLine } from "../src/domain/image.js";
import { languageCatalog } from "../src/languages/catalog.js";
import { LANGUAGES } from "../src/languages/index.js";
import { createLogger } from "../src/logger.js";
import { buildWheel, PACKAGE, serveIndex, VERSION } from "../tests/support/local-pypi.js";

const INSTALLS: [string, string][] = [
  ["PIP", `${PACKAGE}==${VERSION}`],
  ["NPM", "lodash@4.17.21"],
  ["NUGET", "Newtonsoft.Json@13.0.3"],
  ["APT", "jq"],
];

const docker = createDockerClient();
/** Cache volumes are per owner, and this run's owner (a new data folder's admin) is new: its cache starts empty. */
const cacheVolumes = async () =>
  new Set(
    ((await docker.listVolumes()).Volumes ?? [])
      .map((volume) => volume.Name)
      .filter((name) => name.startsWith(PACKAGE_CACHE_VOLUME)),
  );
const volumesBefore = await cacheVolumes();
const index = await serveIndex(await buildWheel());
const dataDir = await mkdtemp(join(tmpdir(), "mcp-executor-bench-"));
const config = loadConfig({
  ...process.env,
  PORT: "0",
  DATA_DIR: dataDir,
  PIP_INDEX_URL: `http://127.0.0.1:${(index.address() as AddressInfo).port}/simple/`,
  INSTALL_NETWORK: "host",
});
const app = await createApp(config, createLogger("warn"), languageCatalog());
await app.start();
const { builds, installs, auth } = app.services;
const admin = auth.localAdmin();

async function readyImage(name: string): Promise<string> {
  const started = performance.now();
  const image = await builds.create(admin, { name, languages: LANGUAGES.map((language) => language.id) });
  let outcome: LogLine | undefined;
  for await (const line of await builds.follow(admin, image.id)) if (line.final) outcome = line;
  if (outcome?.status !== "SUCCEEDED") throw new Error(`${name}: ${outcome?.error}`);
  console.log(`image ${name.padEnd(14)} built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return image.id;
}

async function timeInstall(imageId: string, manager: string, spec: string): Promise<number> {
  const started = performance.now();
  const installation = await installs.installPackages(admin, { imageId, manager: manager as "PIP", packages: [spec] });
  if (installation.status !== "SUCCEEDED") throw new Error(`${manager} ${spec}: ${installation.error}`);
  return (performance.now() - started) / 1000;
}

try {
  const first = await readyImage("bench-cold-cache");
  const second = await readyImage("bench-warm-cache");
  for (const [manager, spec] of INSTALLS) {
    const cold = await timeInstall(first, manager, spec);
    const warm = await timeInstall(second, manager, spec);
    console.log(
      `${manager.padEnd(6)} ${spec.padEnd(28)} first ${cold.toFixed(1).padStart(5)} s   second ${warm.toFixed(1).padStart(5)} s`,
    );
  }
  for (const id of [first, second]) await app.services.images.remove(admin, id);
} finally {
  await app.stop();
  for (const name of await cacheVolumes()) if (!volumesBefore.has(name)) await docker.getVolume(name).remove();
  index.close();
  await rm(dataDir, { recursive: true, force: true });
}

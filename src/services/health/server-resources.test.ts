import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Docker } from "../../docker/docker-client.js";
import { createLogger } from "../../logger.js";
import { createServerResources, folderBytes } from "./server-resources.js";

const folders: string[] = [];
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "resource-usage-"));
  folders.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("folderBytes", () => {
  it("sums the files' sizes, in nested folders, without following links", async () => {
    const root = await folder();
    await mkdir(join(root, "a", "b"), { recursive: true });
    await writeFile(join(root, "one"), "x".repeat(10));
    await writeFile(join(root, "a", "b", "two"), "y".repeat(5));
    await symlink("/etc", join(root, "link"));
    expect(await folderBytes(root)).toBe(15);
    expect(await folderBytes(join(root, "missing"))).toBe(0);
  });
});

describe("createServerResources", () => {
  it("answers the load at once and the disk figures once measured; an engine away leaves Docker's null", async () => {
    const dataDir = await folder();
    await writeFile(join(dataDir, "db"), "z".repeat(7));
    const docker = { df: () => Promise.reject(Object.assign(new Error("no engine"), { code: "ENOENT" })) };
    const usage = createServerResources({
      docker: docker as unknown as Docker,
      dataDir,
      load: () => ({ queued: 3, running: 2 }),
      logger: createLogger("error"),
    });
    expect(usage.current()).toEqual({ executionsQueued: 3, executionsRunning: 2, dockerDisk: null, dataDir: null });
    await usage.refresh();
    const after = usage.current();
    expect(after.dataDir?.bytes).toBe(7);
    expect(after.dockerDisk).toBeNull();
  });

  it("reads docker system df as the CLI counts it", async () => {
    const docker = {
      df: async () => ({
        LayersSize: 1000,
        Containers: [{ SizeRw: 10 }, {}],
        Volumes: [{ UsageData: { Size: 5 } }, { UsageData: { Size: -1 } }],
        BuildCache: [
          { Size: 100, Shared: false },
          { Size: 50, Shared: true },
        ],
      }),
    };
    const usage = createServerResources({
      docker: docker as unknown as Docker,
      dataDir: await folder(),
      load: () => ({ queued: 0, running: 0 }),
      logger: createLogger("error"),
    });
    await usage.refresh();
    expect(usage.current().dockerDisk).toMatchObject({
      imagesBytes: 1000,
      containersBytes: 10,
      buildCacheBytes: 100,
      volumesBytes: 5,
    });
  });
});

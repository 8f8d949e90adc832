import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
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
    const usage = createServerResources({
      engine: { diskUsage: () => Promise.reject(Object.assign(new Error("no engine"), { code: "ENOENT" })) },
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
});

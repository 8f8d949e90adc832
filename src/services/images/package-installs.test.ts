/**
 * Installs, cancels, removal during an install, and shutdown, with the real store (SQLite in a
 * temporary folder) and the fake engine (tests/fakes), whose installers run until told to end.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { testActor } from "../../../tests/fakes/actors.js";
import { createFakeEngine, type FakeEngine } from "../../../tests/fakes/fake-engine.js";
import { useTempDatabase } from "../../../tests/fakes/temp-database.js";
import type { Image } from "../../domain/image.js";
import { createLogger } from "../../logger.js";
import { createImageStore, type ImageStore } from "../../store/image-store.js";
import { createLogNotifier } from "../lib/log-follower.js";
import { createOwnerCounter } from "../lib/owner-counter.js";
import { createImageCatalog, type ImageCatalog } from "./image-catalog.js";
import { createInstallQueue } from "./install-queue.js";
import { createJobLog } from "./job-log.js";
import { createPackageInstalls, type PackageInstalls } from "./package-installs.js";

const admin = testActor("admin");

const IMAGE: Image = {
  id: "img-1",
  ownerId: admin.principalId,
  name: "tools",
  languages: ["BASH"],
  versions: null,
  status: "READY",
  dockerTag: "mcp-executor-custom/tools:latest",
  dockerImageId: "sha256:original",
  sizeBytes: 1,
  error: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

describe("package installs", () => {
  const temp = useTempDatabase("installs");
  let store: ImageStore;
  let fake: FakeEngine;
  let catalog: ImageCatalog;
  let installs: PackageInstalls;
  /** Docker images whose pooled sandboxes were retired. */
  let retired: string[];

  beforeEach(async () => {
    store = createImageStore(temp.database.db);
    await store.insertImage(IMAGE, null);
    fake = createFakeEngine();
    const logger = createLogger("error");
    const queue = createInstallQueue();
    retired = [];
    const retireSandboxes = async (dockerImageId: string) => {
      retired.push(dockerImageId);
    };
    catalog = createImageCatalog({
      images: fake.images,
      engine: fake.info,
      sandboxImage: "base",
      store,
      installing: queue.busy,
      changed: () => {},
      retireSandboxes,
      logger,
    });
    installs = createPackageInstalls({
      engine: fake,
      policy: { registries: {}, network: "bridge", timeoutMs: 60_000 },
      store,
      catalog,
      queue,
      log: createJobLog(store, createLogNotifier(), logger),
      jobs: createOwnerCounter(),
      retireSandboxes,
      logger,
    });
  });

  const start = (packages: string[]) =>
    installs.installPackages(admin, { imageId: IMAGE.id, manager: "APT", packages, wait: false });

  it("commits a successful install as the image's new Docker image and retires the old one", async () => {
    const job = await start(["jq"]);
    (await fake.started(0)).exit(0);
    const done = await waitUntilEnded(installs, job.id);
    expect(done.status).toBe("SUCCEEDED");
    expect((await catalog.require(admin, IMAGE.id)).dockerImageId).toBe("sha256:committed-1");
    expect(retired).toEqual(["sha256:original"]);
    expect(fake.removedImages).toEqual(["sha256:original"]);
    expect(fake.runs[0]?.removed).toBe(true);
  });

  it("refuses to remove an image while an install of it is under way, and keeps it", async () => {
    await start(["jq"]);
    await fake.started(0);
    await expect(catalog.remove(admin, IMAGE.id)).rejects.toMatchObject({ code: "IMAGE_NOT_READY" });
    expect(await catalog.get(admin, IMAGE.id)).not.toBeNull();
    expect(fake.removedImages).toEqual([]);
  });

  it("keeps the record when Docker cannot remove the image, and removes it when Docker no longer has it", async () => {
    fake.failRemoval.set(IMAGE.dockerTag, { statusCode: 500, message: "driver failed" });
    await expect(catalog.remove(admin, IMAGE.id)).rejects.toMatchObject({
      code: "DOCKER_UNAVAILABLE",
      message: expect.stringContaining("driver failed"),
    });
    expect(await catalog.get(admin, IMAGE.id)).not.toBeNull();
    fake.failRemoval.set(IMAGE.dockerTag, { statusCode: 404, message: "no such image" });
    expect(await catalog.remove(admin, IMAGE.id)).toBe(true);
    expect(await catalog.get(admin, IMAGE.id)).toBeNull();
  });

  it("starts nothing on an image while its Docker image is being removed", async () => {
    let release: () => void = () => {};
    fake.removalHeld = new Promise((resolve) => {
      release = resolve;
    });
    const removal = catalog.remove(admin, IMAGE.id);
    await expect(start(["jq"])).rejects.toMatchObject({
      code: "IMAGE_NOT_READY",
      message: "Image tools is being removed.",
    });
    release();
    expect(await removal).toBe(true);
    expect(fake.runs).toHaveLength(0);
  });

  it("cancels a running install (the installer is killed) and a queued one (it never starts)", async () => {
    const running = await start(["jq"]);
    const queued = await start(["curl"]);
    const container = await fake.started(0);
    expect((await installs.cancel(admin, queued.id)).status).toBe("CANCELLED");
    expect((await installs.cancel(admin, running.id)).status).toBe("CANCELLED");
    expect(container.killed).toBe(true);
    expect(fake.runs).toHaveLength(1);
    expect((await catalog.require(admin, IMAGE.id)).dockerImageId).toBe("sha256:original");
  });

  it("refuses a user a second install at once (jobs at once), and one without network permission", async () => {
    const user = testActor("user", {
      network: true,
      quotas: { executionsAtOnce: null, executionsPerMinute: null, fileBytes: null, images: null, jobsAtOnce: 1 },
    });
    await store.insertImage({ ...IMAGE, id: "img-2", name: "users", ownerId: user.principalId }, null);
    const ask = (actor: typeof user) =>
      installs.installPackages(actor, { imageId: "img-2", manager: "APT", packages: ["jq"], wait: false });
    const first = await ask(user);
    await expect(ask(user)).rejects.toMatchObject({
      code: "QUOTA_EXCEEDED",
      message: "quota of builds or installs at once used up: user may have 1, and has 1.",
    });
    await expect(ask({ ...user, network: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      installs.installPackages(user, { imageId: IMAGE.id, manager: "APT", packages: ["jq"] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await installs.cancel(user, first.id)).status).toBe("CANCELLED");
  });

  it("shutdown kills the running installer, starts none of the queued ones, and leaves both to the next start", async () => {
    const running = await start(["jq"]);
    const queued = await start(["curl"]);
    const container = await fake.started(0);
    await installs.shutdown();
    expect(container.killed && container.removed).toBe(true);
    expect(fake.runs).toHaveLength(1);
    expect((await installs.get(admin, running.id))?.status).toBe("RUNNING");
    expect((await installs.get(admin, queued.id))?.status).toBe("QUEUED");
    await installs.recover();
    expect(await installs.get(admin, running.id)).toMatchObject({ status: "FAILED", error: "server restarted" });
    expect((await catalog.require(admin, IMAGE.id)).dockerImageId).toBe("sha256:original");
  });
});

/** Follows the installation's log to its final line. */
async function waitUntilEnded(installs: PackageInstalls, id: string) {
  for await (const line of await installs.follow(admin, id)) if (line.final) break;
  return (await installs.get(admin, id)) as NonNullable<Awaited<ReturnType<PackageInstalls["get"]>>>;
}

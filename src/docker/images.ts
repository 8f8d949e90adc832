/** Small image look-ups and transfers: does a tag exist, pull one, import a root filesystem tar. */
import type { Readable } from "node:stream";
import type { ImageSummary } from "../domain/engine.js";
import { messageOf } from "../domain/errors.js";
import type { Docker } from "./docker-client.js";
import { withDocker } from "./docker-client.js";
import { RECIPE_LABEL } from "./labels.js";

/** The image behind a tag or id, or null when there is none. */
export async function findImage(docker: Docker, reference: string): Promise<ImageSummary | null> {
  return withDocker(async () => {
    try {
      const image = await docker.getImage(reference).inspect();
      return { id: image.Id, sizeBytes: image.Size, recipeFingerprint: image.Config?.Labels?.[RECIPE_LABEL] ?? null };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw error;
    }
  });
}

/** Pulls an image; resolves false (with the reason logged through onLine) when the pull fails. */
export async function tryPullImage(
  docker: Docker,
  reference: string,
  onLine: (line: string) => void,
): Promise<boolean> {
  try {
    const stream = await docker.pull(reference);
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve())),
    );
    return (await findImage(docker, reference)) !== null;
  } catch (error) {
    onLine(`pull of ${reference} failed: ${messageOf(error)}`);
    return false;
  }
}

/** Imports a root filesystem tar as an image with the given tag (what `docker import` does). */
export async function importRootfs(docker: Docker, rootfs: Readable, reference: string): Promise<void> {
  const [repo, tag = "latest"] = splitReference(reference);
  const stream = await withDocker(() => docker.importImage(rootfs, { repo, tag }));
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

function splitReference(reference: string): [string, string | undefined] {
  const colon = reference.lastIndexOf(":");
  if (colon > reference.lastIndexOf("/")) return [reference.slice(0, colon), reference.slice(colon + 1)];
  return [reference, undefined];
}

/**
 * Removes an image reference. Without force it fails while a container uses the image; with
 * force a tag is dropped even then, and the layers go once the last container using them has.
 */
export async function removeImage(docker: Docker, reference: string, force = false): Promise<void> {
  await withDocker(() => docker.getImage(reference).remove({ force }));
}

/**
 * What an image is built from, as one hash: its Dockerfile's text and every in-image file (the
 * runners in image/ and the language plugins' image/ folders). The default image carries it as a
 * label, so a server whose recipes or plugins changed since the image was built rebuilds it at
 * start (Docker's cache keeps that to the layers that changed).
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { RuntimeLine } from "../../../domain/runtime.js";
import { languageById } from "../../../languages/index.js";
import { PROJECT_ROOT } from "../../../paths.js";
import { composeDockerfile, pluginFoldersFor } from "./dockerfile.js";

export async function recipeFingerprint(lines: readonly RuntimeLine[]): Promise<string> {
  const hash = createHash("sha256").update(composeDockerfile(lines));
  const folders = [
    ["image", join(PROJECT_ROOT, "image")],
    ...[...pluginFoldersFor(lines.map(({ language }) => languageById(language)))].map(([name, folder]) => [
      `languages/${name}`,
      folder,
    ]),
  ];
  for (const [name, folder] of folders) {
    for (const file of await filesUnder(folder as string)) {
      hash.update(`\0${name}/${file}\0`).update(await readFile(join(folder as string, file)));
    }
  }
  return hash.digest("hex").slice(0, 32);
}

/** Paths of the files under a folder, relative to it, sorted. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

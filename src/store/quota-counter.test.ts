/**
 * The quota counters on the real store: writes at once for the last of a quota, of which exactly
 * one is taken; deletes that give it back; an image name taken by a write at once.
 */
import { describe, expect, it } from "vitest";
import { useTempDatabase } from "../../tests/fakes/temp-database.js";
import type { Image } from "../domain/image.js";
import type { StoredFile } from "../domain/stored-file.js";
import { createFileStore } from "./file-store.js";
import { createImageStore } from "./image-store.js";

const file = (id: string, sizeBytes: number): StoredFile => ({
  id,
  ownerId: "p-1",
  name: `${id}.txt`,
  language: null,
  sizeBytes,
  sha256: id,
  createdAt: new Date(0),
});

const image = (id: string, name: string): Image => ({
  id,
  ownerId: "p-1",
  name,
  languages: ["BASH"],
  versions: null,
  status: "BUILDING",
  dockerTag: `${name}:latest`,
  dockerImageId: null,
  sizeBytes: null,
  error: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

describe("quota counters", () => {
  const temp = useTempDatabase("quota-counter");

  it("lets one of two files at once take the last bytes, and gives them back on delete", async () => {
    const files = createFileStore(temp.database.db);
    expect(await files.insert(file("a", 60), 100)).toEqual({ refused: false });
    const results = await Promise.all([files.insert(file("b", 40), 100), files.insert(file("c", 40), 100)]);
    expect(results).toContainEqual({ refused: false });
    expect(results).toContainEqual({ refused: true, used: 100 });
    expect(await files.bytesHeldBy("p-1")).toBe(100);
    expect((await files.stats("p-1")).totalBytes).toBe(100);
    await files.delete("a");
    expect(await files.deleteUnreferenced(["b", "c"])).toBe(1);
    expect(await files.bytesHeldBy("p-1")).toBe(0);
    expect(await files.insert(file("d", 100), 100)).toEqual({ refused: false });
  });

  it("lets one of two images at once take the last place, and one of two of the same name", async () => {
    const images = createImageStore(temp.database.db);
    const results = await Promise.all([
      images.insertImage(image("i-1", "one"), 2),
      images.insertImage(image("i-2", "two"), 2),
      images.insertImage(image("i-3", "three"), 2),
    ]);
    expect(results.filter((result) => result.outcome === "inserted")).toHaveLength(2);
    expect(results).toContainEqual({ outcome: "quota-refused", used: 2 });
    await images.deleteImage((await images.listImages())[0]?.id as string);
    expect(await images.imagesHeldBy("p-1")).toBe(1);
    const named = await Promise.all([
      images.insertImage(image("i-4", "same"), null),
      images.insertImage(image("i-5", "same"), null),
    ]);
    expect(named.map((result) => result.outcome).sort()).toEqual(["inserted", "name-taken"]);
    // The one that lost its name took nothing.
    expect(await images.imagesHeldBy("p-1")).toBe(2);
  });
});

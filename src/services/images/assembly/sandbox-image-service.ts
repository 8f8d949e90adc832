/**
 * The default sandbox image, with every language: builds it from the recipes (the text of the
 * repository's Dockerfile) when it is missing, when its recipes or in-image files changed since
 * (see recipe-fingerprint.ts), or on request, streaming the build's lines.
 */
import type { Config } from "../../../config.js";
import type { ImageClient } from "../../../domain/engine.js";
import { everyLine } from "../../sandbox/runtime-lines.js";
import { buildLanguageImage } from "./language-image-build.js";
import { recipeFingerprint } from "./recipe-fingerprint.js";

export interface SandboxImageReport {
  tag: string;
  imageId: string;
  sizeBytes: number;
  /** False when the image was already there and nothing was built. */
  built: boolean;
  buildSeconds: number | null;
}

export interface SandboxImageService {
  /** Builds the image when it is missing, or always with `rebuild` (Docker's cache keeps that fast). */
  ensure(options: { rebuild?: boolean; onLine: (line: string) => void }): Promise<SandboxImageReport>;
}

export function createSandboxImageService(images: ImageClient, config: Config): SandboxImageService {
  return {
    async ensure({ rebuild = false, onLine }) {
      const tag = config.sandboxImage;
      const existing = await images.find(tag);
      const current = existing?.recipeFingerprint === (await recipeFingerprint(everyLine()));
      if (existing && current && !rebuild) {
        return { tag, imageId: existing.id, sizeBytes: existing.sizeBytes, built: false, buildSeconds: null };
      }
      const started = performance.now();
      onLine(
        !existing
          ? `image ${tag} is missing; building it ...`
          : current
            ? `rebuilding ${tag} ...`
            : `the recipes or language plugins changed since ${tag} was built; rebuilding it ...`,
      );
      const imageId = await buildLanguageImage(images, config, {
        tag,
        lines: everyLine(),
        contextName: "default",
        onLine,
      });
      const image = await images.find(imageId);
      const buildSeconds = (performance.now() - started) / 1000;
      onLine(`built ${tag} (${imageId.slice(7, 19)}) in ${buildSeconds.toFixed(1)} s`);
      return { tag, imageId, sizeBytes: image?.sizeBytes ?? 0, built: true, buildSeconds };
    },
  };
}

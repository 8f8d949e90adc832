/**
 * Builds an image from a context tar through dockerode, passing each output line on as it comes.
 * Docker's build stream "finishes" even when the build failed: the failure is an event carrying
 * `errorDetail`, so every event is checked and the first error fails the build.
 */
import type { ImageBuildRequest } from "../domain/engine.js";
import type { Docker } from "./docker-client.js";
import { withDocker } from "./docker-client.js";
import { OWNER_LABEL, OWNER_VALUE, RECIPE_LABEL } from "./labels.js";
import { createLineSplitter } from "./line-splitter.js";

interface BuildEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

export class ImageBuildError extends Error {}

/** Resolves with the Docker image id once the build succeeded. */
export async function buildImage(docker: Docker, request: ImageBuildRequest): Promise<string> {
  const stream = await withDocker(() =>
    docker.buildImage(request.context, {
      t: request.tag,
      buildargs: request.buildArgs,
      labels: {
        ...(request.recipeFingerprint ? { [RECIPE_LABEL]: request.recipeFingerprint } : {}),
        [OWNER_LABEL]: OWNER_VALUE,
      },
      rm: true,
      forcerm: true,
      abortSignal: request.signal,
    }),
  );
  let failure: string | null = null;
  const lines = createLineSplitter((line) => {
    if (line.trim() !== "") request.onLine(line);
  });
  const emit = (text: string) => lines.push(Buffer.from(text));
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null) => (error ? reject(error) : resolve()),
      (event: BuildEvent) => {
        if (event.stream) emit(event.stream);
        else if (event.status) emit(`${event.status}\n`);
        if (event.errorDetail || event.error) {
          failure ??= event.errorDetail?.message ?? event.error ?? "unknown build error";
          emit(`${failure}\n`);
        }
      },
    );
  });
  lines.end();
  if (failure !== null) throw new ImageBuildError(failure);
  const image = await docker.getImage(request.tag).inspect();
  return image.Id;
}

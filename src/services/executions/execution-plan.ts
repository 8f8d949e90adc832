/**
 * Checks what every run takes (code, stdin, args, files, limits, image) before anything is
 * recorded, and turns a request into what the container needs. Pure apart from its narrow
 * dependencies, so it is unit-tested with fakes.
 */
import type { WorkspaceFile } from "../../domain/engine.js";
import { ServiceError } from "../../domain/errors.js";
import type { RunnableImage } from "../../domain/image.js";
import type { Isolation } from "../../domain/isolation.js";
import type { LanguageId } from "../../domain/languages.js";
import type { ExecutionPolicy, Limits, LimitsRequest } from "../../domain/limits.js";
import type { Actor } from "../../domain/principal.js";
import type { RuntimeInfo } from "../../domain/runtime.js";
import type { StoredFile } from "../../domain/stored-file.js";
import { type LanguageDefinition, languageById } from "../../languages/index.js";
import type { ContainerRuntimes } from "../sandbox/container-runtimes.js";
import type { RuntimeService } from "../sandbox/runtime-service.js";
import { resolveLimits } from "./limits.js";

/** What one run needs, whichever operation asked for it. */
export interface RunRequest {
  language: LanguageId;
  code: string;
  imageId?: string | null;
  stdin?: string | null;
  args?: string[] | null;
  fileIds?: string[] | null;
  limits?: LimitsRequest | null;
  /** STANDARD (runc) or STRONG (runsc); none means the server's default. */
  isolation?: Isolation | null;
  /** The runtime version asked for: a line ("22"), a version or its start; none means the image's default. */
  version?: string | null;
  /** The name the code runs under in /workspace. */
  sourceName: string;
  fileId: string | null;
}

export interface ExecutionPlan {
  language: LanguageDefinition;
  limits: Limits;
  image: RunnableImage;
  /** The program's own file first, then the stored files named by fileIds. */
  workspace: WorkspaceFile[];
  isolation: Isolation;
  /** The runtime it runs on: the version line it was given and the version that is. */
  runtime: RuntimeInfo;
  argv: string[];
}

export interface PlanDeps {
  policy: ExecutionPolicy;
  images: { resolveRunnable(actor: Actor, imageId: string | null | undefined): Promise<RunnableImage> };
  files: {
    require(actor: Actor, id: string, field: string): Promise<StoredFile>;
    content(file: StoredFile): Promise<Buffer>;
  };
  runtimes: Pick<RuntimeService, "select">;
  containerRuntimes: Pick<ContainerRuntimes, "requireFor">;
}

export const MAX_FILES_PER_RUN = 100;

export async function planExecution(actor: Actor, request: RunRequest, deps: PlanDeps): Promise<ExecutionPlan> {
  const { policy } = deps;
  const language = languageById(request.language);
  for (const [field, text] of [
    ["code", request.code],
    ["stdin", request.stdin ?? ""],
  ] as const) {
    const bytes = Buffer.byteLength(text);
    if (bytes > policy.maxCodeBytes) {
      throw new ServiceError(
        "LIMIT_EXCEEDED",
        `${field} is ${bytes} bytes; this server accepts at most ${policy.maxCodeBytes}.`,
      );
    }
  }
  for (const [index, arg] of (request.args ?? []).entries()) {
    if (arg.includes("\0"))
      throw new ServiceError("BAD_USER_INPUT", `args[${index}] must not contain a NUL character.`);
  }
  const limits = resolveLimits(request.limits, policy);
  const isolation = request.isolation ?? policy.defaultIsolation;
  if (isolation === "STRONG") {
    if (request.limits?.network === true) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        "limits.network: isolation STRONG runs under gVisor, which has no network on this server (runsc is registered with --network=none); leave the network off, or run with isolation STANDARD.",
      );
    }
    // A server whose runs have the network by default runs STRONG ones without it.
    limits.network = false;
  }
  // A server whose runs have the network by default gives it only to keys that may use it.
  if (request.limits?.network == null && !actor.network) limits.network = false;
  if (limits.network && !actor.network) {
    throw new ServiceError(
      "FORBIDDEN",
      "limits.network: this API key may not use the network; ask an admin for a key with network permission.",
    );
  }
  await deps.containerRuntimes.requireFor(isolation);
  const workspace = await workspaceOf(actor, request, deps);
  const image = await deps.images.resolveRunnable(actor, request.imageId);
  if (!image.languages.includes(language.id)) {
    throw new ServiceError(
      "BAD_USER_INPUT",
      `language ${language.id} is not in image ${image.name}; it has ${image.languages.join(", ")}.`,
    );
  }
  const runtime = await deps.runtimes.select(
    { ...image, dockerImage: image.dockerImage },
    language,
    request.version?.trim() || null,
  );
  const argv = [...language.runCommand(request.sourceName, runtime.line), ...(request.args ?? [])];
  return { language, limits, image, workspace, isolation, runtime, argv };
}

async function workspaceOf(actor: Actor, request: RunRequest, deps: PlanDeps): Promise<WorkspaceFile[]> {
  const fileIds = request.fileIds ?? [];
  if (fileIds.length > MAX_FILES_PER_RUN) {
    throw new ServiceError("BAD_USER_INPUT", `fileIds may name at most ${MAX_FILES_PER_RUN} files.`);
  }
  const files: WorkspaceFile[] = [{ name: request.sourceName, content: request.code }];
  for (const [index, id] of fileIds.entries()) {
    const file = await deps.files.require(actor, id, `fileIds[${index}]`);
    if (files.some((taken) => taken.name === file.name)) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `fileIds[${index}]: ${file.name} is already in the working directory; give files distinct names.`,
      );
    }
    files.push({ name: file.name, content: await deps.files.content(file) });
  }
  return files;
}

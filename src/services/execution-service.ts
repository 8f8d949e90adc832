/**
 * Runs code: validates a request, records the execution (QUEUED), waits for a place under the
 * concurrency limit, runs it in a sandbox container while its output streams into the event log,
 * and records the outcome. Every transition is a StatusChange event; every output chunk a LogChunk.
 */
import { randomUUID } from "node:crypto";
import type { ExecutionPolicy } from "../config.js";
import { listOwnedContainers, removeContainer } from "../docker/containers.js";
import type { Docker } from "../docker/docker-client.js";
import { EXECUTION_LABEL, ownershipLabels, STORE_LABEL } from "../docker/labels.js";
import { runInSandbox, type SandboxRunResult } from "../docker/sandbox-container.js";
import { createWorkspaceArchive, type WorkspaceFile } from "../docker/workspace-archive.js";
import { ServiceError } from "../domain/errors.js";
import type { Execution, ExecutionEvent, ExecutionStatus, OutputStream } from "../domain/execution.js";
import { isFinalStatus } from "../domain/execution.js";
import type { LimitsRequest } from "../domain/limits.js";
import type { StoredFile } from "../domain/stored-file.js";
import { type LanguageId, languageById } from "../languages/index.js";
import type { Logger } from "../logger.js";
import type { ExecutionPage, ExecutionPageQuery, ExecutionStore } from "../store/execution-store.js";
import { analyzeCode } from "./code-analysis.js";
import { createConcurrencyGate } from "./concurrency-gate.js";
import type { RunnableImage } from "./image-service.js";
import { resolveLimits } from "./limits.js";
import { followLog, type LogNotifier } from "./log-follower.js";
import { OutputCollector } from "./output-collector.js";

export interface ExecuteRequest {
  language: LanguageId;
  code: string;
  imageId?: string | null;
  stdin?: string | null;
  args?: string[] | null;
  fileIds?: string[] | null;
  limits?: LimitsRequest | null;
  wait?: boolean | null;
}

export interface ExecuteFileRequest extends Omit<ExecuteRequest, "language" | "code" | "fileIds"> {
  fileId: string;
  language?: LanguageId | null;
}

/** What one run needs, whichever mutation asked for it. */
interface RunRequest extends ExecuteRequest {
  /** The name the code runs under in /workspace. */
  sourceName: string;
  fileId: string | null;
}

const MAX_FILES_PER_RUN = 100;

export interface ExecutionServiceDeps {
  docker: Docker;
  store: ExecutionStore;
  notifier: LogNotifier;
  images: { resolveRunnable(imageId: string | null | undefined): Promise<RunnableImage> };
  files: { require(id: string, field: string): StoredFile; content(file: StoredFile): Promise<Buffer> };
  policy: ExecutionPolicy;
  /** Labels every container of this server's data folder. */
  storeLabel: string;
  logger: Logger;
}

/** Why a live execution was aborted. */
type AbortReason = "cancelled" | "shutdown";

export function createExecutionService(deps: ExecutionServiceDeps) {
  const { docker, store, notifier, policy, logger } = deps;
  const gate = createConcurrencyGate(policy.maxConcurrency);
  /** Executions queued or running here, with what their container needs. */
  const live = new Map<
    string,
    { abort: AbortController; done: Promise<void>; nextSeq: number; workspace: WorkspaceFile[]; argv: string[] }
  >();

  function emit(executionId: string, event: EventContent): void {
    const entry = live.get(executionId);
    const seq = entry ? entry.nextSeq++ : store.lastEventSeq(executionId) + 1;
    store.appendEvent({ ...event, executionId, seq, at: new Date() } as ExecutionEvent);
    notifier.notify(executionId);
  }

  function transition(execution: Execution, status: ExecutionStatus, patch: Partial<Execution> = {}): void {
    Object.assign(execution, patch, { status });
    store.update(execution.id, { ...patch, status });
    emit(execution.id, { kind: "STATUS", status });
  }

  /** Checks what every run takes (code, stdin, args, files, limits, image) and loads its files. */
  async function plan(request: RunRequest) {
    const language = languageById(request.language);
    const codeBytes = Buffer.byteLength(request.code);
    if (codeBytes > policy.maxCodeBytes) {
      throw new ServiceError(
        "LIMIT_EXCEEDED",
        `code is ${codeBytes} bytes; this server accepts at most ${policy.maxCodeBytes}.`,
      );
    }
    const stdinBytes = Buffer.byteLength(request.stdin ?? "");
    if (stdinBytes > policy.maxCodeBytes) {
      throw new ServiceError(
        "LIMIT_EXCEEDED",
        `stdin is ${stdinBytes} bytes; this server accepts at most ${policy.maxCodeBytes}.`,
      );
    }
    for (const [index, arg] of (request.args ?? []).entries()) {
      if (arg.includes("\0"))
        throw new ServiceError("BAD_USER_INPUT", `args[${index}] must not contain a NUL character.`);
    }
    const limits = resolveLimits(request.limits, policy);
    const workspace = await workspaceFiles(request);
    const image = await deps.images.resolveRunnable(request.imageId);
    if (!image.languages.includes(language.id)) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `language ${language.id} is not in image ${image.name}; it has ${image.languages.join(", ")}.`,
      );
    }
    const argv = [...language.runCommand(request.sourceName), ...(request.args ?? [])];
    return { language, limits, image, workspace, argv };
  }

  /** The program's own file, then the stored files named by fileIds, each under its own name. */
  async function workspaceFiles(request: RunRequest): Promise<WorkspaceFile[]> {
    const fileIds = request.fileIds ?? [];
    if (fileIds.length > MAX_FILES_PER_RUN) {
      throw new ServiceError("BAD_USER_INPUT", `fileIds may name at most ${MAX_FILES_PER_RUN} files.`);
    }
    const files: WorkspaceFile[] = [{ name: request.sourceName, content: request.code }];
    for (const [index, id] of fileIds.entries()) {
      const file = deps.files.require(id, `fileIds[${index}]`);
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

  async function run(execution: Execution): Promise<void> {
    const entry = live.get(execution.id);
    if (!entry) return;
    const { signal } = entry.abort;
    let release: (() => void) | null = null;
    const output = new OutputCollector(execution.limits.outputLimitBytes);
    try {
      release = await gate.acquire(signal);
      const startedAt = new Date();
      transition(execution, "RUNNING", { startedAt });
      const archive = await createWorkspaceArchive(entry.workspace, entry.argv, execution.stdin ?? "");
      const result = await runInSandbox(docker, {
        image: execution.dockerImage,
        archive,
        limits: execution.limits,
        labels: ownershipLabels("execution", { [STORE_LABEL]: deps.storeLabel, [EXECUTION_LABEL]: execution.id }),
        processesPerUser: policy.maxima.pids * policy.maxConcurrency,
        signal,
        onStarted: (containerId) =>
          logger.debug("execution container created", { executionId: execution.id, containerId }),
        onOutput: (stream: OutputStream, chunk: Buffer) => {
          const data = output.add(stream, chunk);
          if (data !== "") emit(execution.id, { kind: "LOG", stream, data });
        },
      });
      finish(execution, result, output);
    } catch (error) {
      if (signal.aborted) {
        finish(execution, { outcome: "CANCELLED", exitCode: null }, output);
      } else {
        logger.error("execution failed", { executionId: execution.id, error: String(error) });
        finishWith(execution, "ERROR", output, null, error instanceof Error ? error.message : String(error));
      }
    } finally {
      release?.();
    }
  }

  function finish(execution: Execution, result: SandboxRunResult, output: OutputCollector): void {
    const reason = live.get(execution.id)?.abort.signal.reason as AbortReason | undefined;
    if (result.outcome === "CANCELLED" && reason === "shutdown") {
      finishWith(execution, "ERROR", output, null, "server stopped while the execution ran");
      return;
    }
    const status: ExecutionStatus =
      result.outcome === "EXITED" ? (result.exitCode === 0 ? "SUCCEEDED" : "FAILED") : result.outcome;
    finishWith(execution, status, output, result.exitCode, null);
  }

  function finishWith(
    execution: Execution,
    status: ExecutionStatus,
    output: OutputCollector,
    exitCode: number | null,
    error: string | null,
  ): void {
    const finishedAt = new Date();
    const { stdout, stderr } = output.finish();
    transition(execution, status, {
      exitCode,
      stdout,
      stderr,
      outputTruncated: output.truncated,
      error,
      finishedAt,
      durationMs: execution.startedAt ? finishedAt.getTime() - execution.startedAt.getTime() : null,
    });
  }

  async function submit(request: RunRequest): Promise<Execution> {
    const { language, limits, image, workspace, argv } = await plan(request);
    const execution: Execution = {
      id: randomUUID(),
      language: language.id,
      status: "QUEUED",
      imageId: image.id,
      dockerImage: image.dockerImage,
      fileId: request.fileId,
      code: request.code,
      stdin: request.stdin ?? null,
      args: request.args ?? [],
      fileIds: request.fileIds ?? [],
      limits,
      warnings: analyzeCode(language, request.code),
      exitCode: null,
      stdout: "",
      stderr: "",
      outputTruncated: false,
      error: null,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
      durationMs: null,
    };
    store.insert(execution);
    const entry = { abort: new AbortController(), done: Promise.resolve(), nextSeq: 1, workspace, argv };
    live.set(execution.id, entry);
    emit(execution.id, { kind: "STATUS", status: "QUEUED" });
    entry.done = run(execution).finally(() => live.delete(execution.id));
    if (request.wait ?? true) await entry.done;
    return store.get(execution.id) as Execution;
  }

  function requireExecution(id: string): Execution {
    const execution = store.get(id);
    if (!execution) throw new ServiceError("NOT_FOUND", `id ${id} names no execution.`);
    return execution;
  }

  return {
    /** Runs code (under the language's own file name), as the `execute` mutation does. */
    execute(request: ExecuteRequest): Promise<Execution> {
      return submit({ ...request, sourceName: languageById(request.language).sourceFileName, fileId: null });
    },

    /** Runs a stored file under its own name; `language` overrides the file's own. */
    async executeFile(request: ExecuteFileRequest): Promise<Execution> {
      const file = deps.files.require(request.fileId, "fileId");
      const language = request.language ?? file.language;
      if (!language) {
        throw new ServiceError(
          "BAD_USER_INPUT",
          `language: the file ${file.name} has no language of its own; give one of PYTHON, NODE, CSHARP, BASH.`,
        );
      }
      const code = (await deps.files.content(file)).toString("utf8");
      return submit({ ...request, language, code, sourceName: file.name, fileId: file.id, fileIds: [] });
    },

    async cancel(id: string): Promise<Execution> {
      const execution = requireExecution(id);
      const entry = live.get(id);
      if (!entry || isFinalStatus(execution.status)) return execution;
      entry.abort.abort("cancelled" satisfies AbortReason);
      await entry.done;
      return requireExecution(id);
    },

    get: (id: string): Execution | null => store.get(id),

    /** The execution, or NOT_FOUND. */
    require: requireExecution,

    page: (query: ExecutionPageQuery): ExecutionPage => store.page(query),

    /** Every event after `afterSeq`, then live ones; completes after the final status. */
    events(id: string, afterSeq = 0) {
      requireExecution(id);
      if (!Number.isInteger(afterSeq) || afterSeq < 0) {
        throw new ServiceError("BAD_USER_INPUT", `afterSeq must be a whole number from 0; got ${afterSeq}.`);
      }
      return followLog(
        notifier,
        {
          id,
          read: (after) => store.eventsAfter(id, after),
          ended: () => isFinalStatus(requireExecution(id).status),
        },
        afterSeq,
      );
    },

    /**
     * Start-up sweep: executions that were queued or running are marked ERROR, and containers of
     * this data folder that belong to no live execution (a crash left them) are removed.
     */
    async recover(): Promise<void> {
      for (const execution of store.unfinished()) {
        if (live.has(execution.id)) continue;
        store.update(execution.id, { status: "ERROR", error: "server restarted", finishedAt: new Date() });
        emit(execution.id, { kind: "STATUS", status: "ERROR" });
      }
      for (const container of await listOwnedContainers(docker, { [STORE_LABEL]: deps.storeLabel })) {
        if (live.has(container.labels[EXECUTION_LABEL] ?? "")) continue;
        logger.info("removing a container left by an earlier run", { containerId: container.id });
        await removeContainer(docker, container.id);
      }
    },

    /** Stops every live execution (they end as ERROR) and waits until their containers are gone. */
    async shutdown(): Promise<void> {
      const entries = [...live.values()];
      for (const entry of entries) entry.abort.abort("shutdown" satisfies AbortReason);
      await Promise.all(entries.map((entry) => entry.done));
    },
  };
}

/** What an event says; the log adds the execution id, its seq and the time. */
type EventContent = { kind: "LOG"; stream: OutputStream; data: string } | { kind: "STATUS"; status: ExecutionStatus };

export type ExecutionService = ReturnType<typeof createExecutionService>;

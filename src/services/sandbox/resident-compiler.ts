/**
 * Compilers kept warm outside the sandbox: one long-lived compile server per Docker image,
 * language and version line (today C#'s Roslyn, see src/languages/csharp/image/compile-server), started on the first run that
 * needs it and stopped after an idle time. It compiles and never runs; the program then runs in a
 * sandbox like any other.
 *
 * Whenever a server is not there to answer (starting, dead, stuck, or answering with an error),
 * `compile` resolves null and the run compiles inside its sandbox as it always could: no run fails
 * because of the compile server. A server that dies is started again at once.
 */
import type { ContainerClient, LiveContainer } from "../../domain/engine.js";
import type { CompileResult, LanguageDefinition } from "../../languages/language.js";
import type { Logger } from "../../logger.js";

export interface ResidentCompilerDeps {
  containers: Pick<ContainerClient, "startResident" | "reap" | "reaped">;
  /** A server unused this long is stopped. */
  idleMs: number;
  logger: Logger;
}

/** Roslyn with its references loaded holds about 200 MB; compiles of large files need more. */
const SERVER_MEMORY_MB = 768;
const SERVER_PIDS = 64;
/** A compile that takes longer means a stuck server: it is replaced and the run compiles in its sandbox. */
const COMPILE_TIMEOUT_MS = 15_000;

interface Pending {
  resolve(result: CompileResult | null): void;
  timer: NodeJS.Timeout;
}

interface CompileServer {
  key: string;
  image: string;
  language: LanguageDefinition;
  /** The version line it compiles for (its references). */
  version: string;
  container: Promise<LiveContainer>;
  ready: boolean;
  nextId: number;
  pending: Map<number, Pending>;
  idleTimer?: NodeJS.Timeout;
  /** Set when the server is stopped on purpose: its end is then no reason to start another. */
  stopped: boolean;
}

export function createResidentCompiler(deps: ResidentCompilerDeps) {
  const { logger } = deps;
  const servers = new Map<string, CompileServer>();
  let closed = false;

  /** Resolves once the container's removal has been handed to the reaper. */
  function stop(server: CompileServer): Promise<void> {
    server.stopped = true;
    clearTimeout(server.idleTimer);
    if (servers.get(server.key) === server) servers.delete(server.key);
    for (const pending of server.pending.values()) {
      clearTimeout(pending.timer);
      pending.resolve(null);
    }
    server.pending.clear();
    return server.container.then((container) => deps.containers.reap(container.id)).catch(() => undefined);
  }

  function keepAlive(server: CompileServer): void {
    clearTimeout(server.idleTimer);
    server.idleTimer = setTimeout(() => void stop(server), deps.idleMs);
    server.idleTimer.unref();
  }

  /** Answers are JSON lines on stdout: {"ready":true} once, then one per request, by id. */
  function onAnswer(server: CompileServer, line: string): void {
    let answer: { ready?: boolean; id?: number; ok?: boolean; assembly?: string | null; log?: string; error?: string };
    try {
      answer = JSON.parse(line);
    } catch {
      logger.warn("the compile server wrote something that is not an answer", { line: line.slice(0, 200) });
      return;
    }
    if (answer.ready) {
      server.ready = true;
      return;
    }
    const pending = server.pending.get(answer.id ?? -1);
    if (!pending) return;
    server.pending.delete(answer.id as number);
    clearTimeout(pending.timer);
    if (answer.error !== undefined) {
      logger.warn("the compile server could not compile; compiling in the sandbox", { error: answer.error });
      pending.resolve(null);
      return;
    }
    pending.resolve({
      ok: answer.ok === true,
      assembly: answer.assembly ? Buffer.from(answer.assembly, "base64") : null,
      log: answer.log ?? "",
    });
  }

  function start(key: string, image: string, language: LanguageDefinition, version: string): CompileServer {
    const residentCompiler = language.residentCompiler as NonNullable<LanguageDefinition["residentCompiler"]>;
    const server: CompileServer = {
      key,
      image,
      language,
      version,
      container: deps.containers.startResident({
        image,
        command: residentCompiler.command(version),
        memoryMb: SERVER_MEMORY_MB,
        pids: SERVER_PIDS,
      }),
      ready: false,
      nextId: 1,
      pending: new Map(),
      stopped: false,
    };
    servers.set(key, server);
    keepAlive(server);
    server.container.then(
      (container) => {
        let partial = "";
        container.receiver = (stream, chunk) => {
          if (stream === "stderr") {
            logger.debug("compile server", { stderr: chunk.toString("utf8").slice(0, 500) });
            return;
          }
          const lines = (partial + chunk.toString("utf8")).split("\n");
          partial = lines.pop() ?? "";
          for (const line of lines) if (line.trim() !== "") onAnswer(server, line);
        };
        void container.ended.then(() => {
          if (server.stopped) return;
          const wasReady = server.ready;
          logger.warn("the compile server ended; requests compile in their sandboxes meanwhile", {
            containerId: container.id,
          });
          void stop(server);
          // One that died after it was up is replaced at once; one that never came up waits for the next run.
          if (wasReady && !closed) start(key, image, language, version);
        });
      },
      (error) => {
        logger.warn("could not start a compile server; compiling in the sandbox", { error: String(error) });
        void stop(server);
      },
    );
    return server;
  }

  return {
    /**
     * The result of compiling `source` in `image`'s resident compiler for its language, or null
     * when none can answer now (the run then compiles in its sandbox). The first call for an image
     * starts its server and answers null.
     */
    async compile(
      image: string,
      language: LanguageDefinition,
      version: string,
      path: string,
      source: string,
    ): Promise<CompileResult | null> {
      if (closed || !language.residentCompiler) return null;
      const key = `${image} ${language.id} ${version}`;
      const server = servers.get(key);
      if (!server) {
        start(key, image, language, version);
        return null;
      }
      if (!server.ready) return null;
      keepAlive(server);
      const container = await server.container;
      const id = server.nextId++;
      return new Promise<CompileResult | null>((resolve) => {
        const timer = setTimeout(() => {
          logger.warn("the compile server did not answer in time; replacing it", { containerId: container.id });
          server.pending.delete(id);
          resolve(null);
          void stop(server);
        }, COMPILE_TIMEOUT_MS);
        server.pending.set(id, { resolve, timer });
        container.write(`${JSON.stringify({ id, path, source })}\n`);
      });
    },

    /** Stops the servers of a Docker image that was replaced or removed (its packages changed), and removes them. */
    async retire(image: string): Promise<void> {
      await Promise.all([...servers.values()].filter((server) => server.image === image).map(stop));
      await deps.containers.reaped();
    },

    /** Stops every server and removes them. */
    async close(): Promise<void> {
      closed = true;
      await Promise.all([...servers.values()].map(stop));
      await deps.containers.reaped();
    },
  };
}

export type ResidentCompiler = ReturnType<typeof createResidentCompiler>;

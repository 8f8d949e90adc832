/**
 * The run of one admitted execution, as Piston's job: wait for a place under the concurrency
 * limit (QUEUED), then RUNNING in a sandbox (pooled when its profile is warm) while its output
 * streams into the event log, then the final status with the output and usage. Whatever happens,
 * the place is released and the pool refilled; a stop ends the run CANCELLED (a cancel) or ERROR
 * (a shutdown), and any other failure ends it ERROR with its message.
 */
import type { ContainerClient, SandboxRunResult } from "../../domain/engine.js";
import { messageOf } from "../../domain/errors.js";
import type { Execution, ExecutionStatus, OutputStream } from "../../domain/execution.js";
import type { ExecutionPolicy } from "../../domain/limits.js";
import type { Logger } from "../../logger.js";
import type { ExecutionObserver } from "../../metrics/index.js";
import type { ConcurrencyGate } from "../lib/concurrency-gate.js";
import type { ResidentCompiler } from "../sandbox/resident-compiler.js";
import type { SandboxPool } from "../sandbox/sandbox-pool.js";
import { sandboxProfile } from "../sandbox/sandbox-profile.js";
import { compileAhead } from "./compile-ahead.js";
import { type ExecutionLog, statusOf } from "./execution-log.js";
import type { LiveExecution } from "./live-execution.js";
import { OutputCollector } from "./output-collector.js";

export interface ExecutionRunDeps {
  policy: ExecutionPolicy;
  gate: ConcurrencyGate;
  log: ExecutionLog;
  containers: Pick<ContainerClient, "runSandbox">;
  pool: Pick<SandboxPool, "take" | "refill">;
  compiler: Pick<ResidentCompiler, "compile">;
  /** The Docker image an image of ours has now (an install replaces it); null unless READY. */
  currentDockerImage(imageId: string): Promise<string | null>;
  /** Whether runs report what they used (EXEC_USAGE). */
  collectUsage: boolean;
  logger: Logger;
  /** Told when runs start and end (the metrics). */
  observer?: ExecutionObserver;
}

type Outcome = Parameters<ExecutionLog["finish"]>[3];

/** Runs a live execution to its final status; never rejects. */
export type ExecutionRunner = (live: LiveExecution) => Promise<void>;

export function createExecutionRunner(deps: ExecutionRunDeps): ExecutionRunner {
  const { log, logger } = deps;

  async function end(execution: Execution, status: ExecutionStatus, output: OutputCollector, outcome: Outcome) {
    await log.finish(execution, status, output, outcome);
    deps.observer?.finished(execution.language, status, execution.durationMs);
  }

  async function finish(execution: Execution, result: SandboxRunResult, output: OutputCollector, live: LiveExecution) {
    const status = statusOf(result, live.stopReason);
    if (status === "ERROR") {
      await end(execution, status, output, {
        exitCode: null,
        error: "server stopped while the execution ran",
        usage: result.usage,
      });
    } else {
      await end(execution, status, output, { exitCode: result.exitCode, error: null, usage: result.usage });
    }
  }

  /** An install that finished while the run waited replaced its image (and removed the old one): the run takes the new one. */
  async function followReplacedImage(execution: Execution): Promise<void> {
    const current = await deps.currentDockerImage(execution.imageId);
    if (!current || current === execution.dockerImage) return;
    logger.info("the run's image was replaced while it waited; running on the new one", {
      executionId: execution.id,
      from: execution.dockerImage,
      to: current,
    });
    await log.record(execution, { dockerImage: current });
  }

  return async function run(live: LiveExecution): Promise<void> {
    const { execution, signal } = live;
    let release: (() => void) | null = null;
    const output = new OutputCollector(execution.limits.outputLimitBytes);
    try {
      release = await deps.gate.acquire(signal);
      const startedAt = new Date();
      await log.transition(execution, "RUNNING", { startedAt });
      deps.observer?.started(execution.language, startedAt.getTime() - execution.createdAt.getTime());
      await followReplacedImage(execution);
      const compiled = await compileAhead(deps.compiler, execution, live.plan);
      const profile = sandboxProfile(execution.dockerImage, execution.isolation, execution.limits, deps.policy);
      const warm = deps.pool.take(profile);
      const result = await deps.containers.runSandbox({
        profile,
        timeoutMs: execution.limits.timeoutMs,
        files: live.plan.workspace,
        argv: compiled.argv,
        tmpFiles: compiled.tmpFiles,
        stdin: execution.stdin ?? "",
        reportUsage: deps.collectUsage,
        warm,
        signal,
        onStarted: (containerId) => {
          live.containerId = containerId;
          logger.debug("execution container taken", { executionId: execution.id, containerId, pooled: !!warm });
        },
        onOutput: (containerStream, chunk) => {
          const stream: OutputStream = containerStream === "stdout" ? "STDOUT" : "STDERR";
          const data = output.add(stream, chunk);
          if (data !== "") log.output(execution.id, stream, data);
        },
      });
      await finish(execution, result, output, live);
    } catch (error) {
      if (signal.aborted) {
        await finish(execution, { outcome: "CANCELLED", exitCode: null, usage: null }, output, live);
      } else {
        logger.error("execution failed", { executionId: execution.id, error: String(error) });
        await end(execution, "ERROR", output, { exitCode: null, error: messageOf(error) });
      }
    } finally {
      release?.();
      deps.pool.refill();
    }
  };
}

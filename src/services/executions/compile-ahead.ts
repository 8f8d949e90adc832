/**
 * Compiling ahead: for a language with a resident compiler (C#), the source is compiled by the
 * image's compile server before the sandbox starts, and the sandbox only runs the result. When no
 * server can answer now, the plain argv is kept and the sandbox compiles as it always could.
 */
import type { WorkspaceFile } from "../../domain/engine.js";
import type { Execution } from "../../domain/execution.js";
import { languageById } from "../../languages/index.js";
import type { ResidentCompiler } from "../sandbox/resident-compiler.js";
import type { RunPlan } from "./live-execution.js";

/** The argv, and files for /tmp, that a run's sandbox gets. */
export interface CompiledRun {
  argv: string[];
  tmpFiles?: WorkspaceFile[];
}

export async function compileAhead(
  compiler: Pick<ResidentCompiler, "compile">,
  execution: Execution,
  plan: RunPlan,
): Promise<CompiledRun> {
  const language = languageById(execution.language);
  // The compile server runs under runc: a STRONG run's source is handled under gVisor alone.
  if (execution.isolation === "STRONG" || !language.residentCompiler) return { argv: plan.argv };
  const source = plan.workspace[0] as WorkspaceFile;
  const compiled = await compiler.compile(
    execution.dockerImage,
    language,
    plan.runtimeLine,
    source.name,
    execution.code,
  );
  if (!compiled) return { argv: plan.argv };
  const prepared = language.residentCompiler.prepare(source.name, plan.runtimeLine, compiled);
  return { argv: [...prepared.argv, ...execution.args], tmpFiles: prepared.tmpFiles };
}

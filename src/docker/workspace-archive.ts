/**
 * The tar archive an execution container reads on its stdin (see image/bin/sandbox-run): the
 * files for /workspace, and a control folder `.sandbox/` with the argv (NUL-separated), the
 * program's stdin, the run's nonce and whether to report usage. Everything travels as data; nothing is parsed by a shell.
 */
import { pack } from "tar-stream";
import { SANDBOX_CONTROL_DIR as CONTROL_DIR, type WorkspaceFile } from "../domain/engine.js";

/** What the runner needs besides the files. */
export interface RunControl {
  argv: string[];
  stdin: string;
  /** Marks the runner's own records in the output (see runner-records.ts). */
  nonce: string;
  /** Files the runner puts in /tmp before the program starts (paths relative to /tmp). */
  tmpFiles?: WorkspaceFile[];
  /** Whether the runner reads its cgroup after the program and reports the usage. */
  reportUsage: boolean;
}

export async function createWorkspaceArchive(files: WorkspaceFile[], control: RunControl): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on("data", (chunk) => {
    chunks.push(chunk as Buffer);
  });
  const ended = new Promise<void>((resolve, reject) => {
    archive.on("end", resolve);
    archive.on("error", reject);
  });
  const entry = (name: string, content: string | Buffer, mode = 0o644) =>
    new Promise<void>((resolve, reject) =>
      archive.entry({ name, mode, mtime: new Date() }, content, (error) => (error ? reject(error) : resolve())),
    );
  for (const file of files) await entry(file.name, file.content);
  await entry(`${CONTROL_DIR}/argv`, control.argv.map((arg) => `${arg}\0`).join(""), 0o600);
  await entry(`${CONTROL_DIR}/stdin`, control.stdin, 0o600);
  await entry(`${CONTROL_DIR}/nonce`, control.nonce, 0o600);
  for (const file of control.tmpFiles ?? []) await entry(`${CONTROL_DIR}/tmp/${file.name}`, file.content);
  if (control.reportUsage) await entry(`${CONTROL_DIR}/usage`, "", 0o600);
  archive.finalize();
  await ended;
  return Buffer.concat(chunks);
}

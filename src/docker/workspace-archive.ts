/**
 * The tar archive an execution container reads on its stdin (see image/bin/sandbox-run): the
 * files for /workspace, and a control folder `.sandbox/` with the argv (NUL-separated) and the
 * program's stdin. Everything travels as data; nothing is ever parsed by a shell.
 */
import { pack } from "tar-stream";

export interface WorkspaceFile {
  /** A plain base name, already validated. */
  name: string;
  content: string | Buffer;
}

export const CONTROL_DIR = ".sandbox";

export async function createWorkspaceArchive(files: WorkspaceFile[], argv: string[], stdin: string): Promise<Buffer> {
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
  await entry(`${CONTROL_DIR}/argv`, argv.map((arg) => `${arg}\0`).join(""), 0o600);
  await entry(`${CONTROL_DIR}/stdin`, stdin, 0o600);
  archive.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** The rows of execution_files for one execution: each stored file it names (its fileId and its fileIds) once. */
import type { ExecutionFilesTable } from "./tables.js";

export function namedFiles(
  executionId: string,
  fileId: string | null,
  fileIds: readonly string[],
): ExecutionFilesTable[] {
  const ids = new Set(fileId === null ? fileIds : [fileId, ...fileIds]);
  return [...ids].map((id) => ({ execution_id: executionId, file_id: id }));
}

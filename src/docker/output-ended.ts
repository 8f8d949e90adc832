/**
 * When an attached container stream has delivered all its output: it ended, closed or failed.
 * Call it right after attaching, before the container starts, so that no end is missed.
 */
export function outputEnded(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise<void>((resolve) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", () => resolve());
  });
}

/**
 * Waits for `ended`, but no longer than `boundMs`: Docker sometimes keeps a hijacked stream open a
 * little after the process exited, and a run must not wait on it for ever.
 */
export function drainedWithin(ended: Promise<void>, boundMs: number): Promise<void> {
  return Promise.race([ended, new Promise<void>((resolve) => setTimeout(resolve, boundMs))]);
}

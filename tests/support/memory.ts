/** This process's memory once its garbage is gone, so that what a test measures is what is kept. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collectGarbage: (() => void) | undefined;

function collect(): void {
  if (!collectGarbage) {
    // The `gc` global without --expose-gc on the command line (the way Jest's leak detector gets it).
    setFlagsFromString("--expose-gc");
    collectGarbage = runInNewContext("gc") as () => void;
  }
  collectGarbage();
}

/**
 * The resident set size right after a full garbage collection. Without one, buffers that are
 * already dropped but not yet collected count too: tens of MB after a flood of output.
 */
export function settledRss(): number {
  collect();
  return process.memoryUsage().rss;
}

/**
 * What the process still holds once garbage is gone: the JavaScript heap plus the memory of
 * Buffers and ArrayBuffers. Unlike the RSS it does not count what the allocator keeps for reuse
 * after a flood was freed, so it tells a leak from a busy moment. A Buffer's memory is freed by a
 * finalizer after the collection that found it dead: a second collection after a pause counts it.
 */
export async function retainedBytes(): Promise<number> {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 200));
  collect();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

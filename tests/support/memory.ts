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
 * Collects all garbage. A Buffer's memory is released by a finalizer that runs after the
 * collection that found it dead, so a second collection after a pause counts it freed.
 */
async function settle(): Promise<NodeJS.MemoryUsage> {
  collect();
  // A fixed pause on purpose: it lets memory already freed be counted so, and hides nothing kept.
  await new Promise((resolve) => setTimeout(resolve, 200));
  collect();
  return process.memoryUsage();
}

/** The resident set size once garbage is gone. */
export async function restingRss(): Promise<number> {
  return (await settle()).rss;
}

/**
 * What the process still holds once garbage is gone: the JavaScript heap plus the memory of
 * Buffers and ArrayBuffers. Unlike the RSS it does not count what the allocator keeps for reuse
 * after a flood was freed, so it tells a leak from a busy moment.
 */
export async function retainedBytes(): Promise<number> {
  const { heapUsed, external } = await settle();
  return heapUsed + external;
}

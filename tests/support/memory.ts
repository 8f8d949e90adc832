/** This process's memory once its garbage is gone, so that what a test measures is what is kept. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collectGarbage: (() => void) | undefined;

/**
 * The resident set size right after a full garbage collection. Without one, buffers that are
 * already dropped but not yet collected count too: tens of MB after a flood of output.
 */
export function settledRss(): number {
  if (!collectGarbage) {
    // The `gc` global without --expose-gc on the command line (the way Jest's leak detector gets it).
    setFlagsFromString("--expose-gc");
    collectGarbage = runInNewContext("gc") as () => void;
  }
  collectGarbage();
  return process.memoryUsage().rss;
}

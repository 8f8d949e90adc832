/**
 * A value that is slow to measure, kept from its last measurement: reading it never waits, and a
 * read of a value older than `maxAgeMs` starts one measurement in the background. It is null until
 * the first measurement lands; a failed measurement keeps the last value (its time tells its age).
 */
export interface BackgroundValue<T> {
  /** The last measurement, or null; starts a new one when it is stale and none is under way. */
  current(): T | null;
  /** Measures now (or joins the measurement under way); never rejects. */
  refresh(): Promise<void>;
}

export function createBackgroundValue<T>(
  measure: () => Promise<T>,
  maxAgeMs: number,
  onError: (error: unknown) => void,
): BackgroundValue<T> {
  let value: T | null = null;
  let measuredAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;

  function refresh(): Promise<void> {
    running ??= measure()
      .then((measured) => {
        value = measured;
      }, onError)
      .finally(() => {
        // A failure counts as a measurement too, so that an engine away is not asked at every read.
        measuredAt = performance.now();
        running = null;
      });
    return running;
  }

  return {
    current() {
      if (!running && performance.now() - measuredAt >= maxAgeMs) void refresh();
      return value;
    },
    refresh,
  };
}

/** The one way a test polls: a condition checked until it holds, with a deadline that fails the test. */

export interface WaitOptions {
  /** How long to wait in all before failing. */
  timeoutMs: number;
  /** What is awaited, for the failure message: "the container of execution 42". */
  what: string;
  /** The pause between two checks; 50 ms unless given. */
  intervalMs?: number;
}

/**
 * Checks `condition` until it returns a truthy value, and returns that value. Past `timeoutMs`
 * (a check that hangs included) it throws "timed out after … waiting for <what>"; an error thrown
 * by a check fails at once.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs, what, intervalMs = 50 }: WaitOptions,
): Promise<NonNullable<T>> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    for (;;) {
      const value = await Promise.race([condition(), expired]);
      if (value) return value as NonNullable<T>;
      await Promise.race([new Promise((resolve) => setTimeout(resolve, intervalMs)), expired]);
    }
  } finally {
    clearTimeout(timer);
  }
}

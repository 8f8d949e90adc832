/** Counts events per key over a sliding window: how many executions a principal started lately. */
export interface RateWindow {
  /** Events of this key within the window ending now. */
  count(key: string): number;
  record(key: string): void;
}

export function createRateWindow(windowMs: number, now: () => number = Date.now): RateWindow {
  const events = new Map<string, number[]>();
  const recent = (key: string) => {
    const since = now() - windowMs;
    const kept = (events.get(key) ?? []).filter((at) => at > since);
    if (kept.length > 0) events.set(key, kept);
    else events.delete(key);
    return kept;
  };
  return {
    count: (key) => recent(key).length,
    record: (key) => events.set(key, [...recent(key), now()]),
  };
}

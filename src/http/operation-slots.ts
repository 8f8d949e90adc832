/**
 * A cap on operations in flight per key: one set keyed by graphql-ws connection, another by
 * principal, which caps a caller across all its connections.
 */
export interface OperationSlots<Key> {
  /** Takes a slot for operation `id`; false when `key` already holds `limit`. Taking a held id again is a no-op. */
  take(key: Key, id: string): boolean;
  /** Gives back the slot of `id` (a no-op when it holds none). */
  give(key: Key, id: string): void;
  /** Gives back every slot of `key` (the connection closed). */
  forget(key: Key): void;
  /** Gives back the slots of `key` whose operation ids match (one connection's, of a principal's). */
  forgetWhere(key: Key, matches: (id: string) => boolean): void;
  /** Slots `key` holds now. */
  held(key: Key): number;
}

export function createOperationSlots<Key>(limit: number): OperationSlots<Key> {
  const byKey = new Map<Key, Set<string>>();
  return {
    take(key, id) {
      const ids = byKey.get(key) ?? new Set<string>();
      if (ids.has(id)) return true;
      if (ids.size >= limit) return false;
      ids.add(id);
      byKey.set(key, ids);
      return true;
    },
    give(key, id) {
      const ids = byKey.get(key);
      ids?.delete(id);
      if (ids?.size === 0) byKey.delete(key);
    },
    forget: (key) => {
      byKey.delete(key);
    },
    forgetWhere(key, matches) {
      const ids = byKey.get(key);
      for (const id of ids ?? []) if (matches(id)) ids?.delete(id);
      if (ids?.size === 0) byKey.delete(key);
    },
    held: (key) => byKey.get(key)?.size ?? 0,
  };
}

/** How many things each principal has going at once (executions; builds and installs), for the at-once quotas. */
export interface OwnerCounter {
  count(ownerId: string): number;
  /** Counts one more job; the returned function counts it out (once). */
  start(ownerId: string): () => void;
}

export function createOwnerCounter(): OwnerCounter {
  const counts = new Map<string, number>();
  return {
    count: (ownerId) => counts.get(ownerId) ?? 0,
    start(ownerId) {
      counts.set(ownerId, (counts.get(ownerId) ?? 0) + 1);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        const left = (counts.get(ownerId) ?? 1) - 1;
        if (left > 0) counts.set(ownerId, left);
        else counts.delete(ownerId);
      };
    },
  };
}

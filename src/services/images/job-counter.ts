/** How many builds and installs each principal has going at once, for the jobs-at-once quota. */
export interface JobCounter {
  count(ownerId: string): number;
  /** Counts one more job; the returned function counts it out (once). */
  start(ownerId: string): () => void;
}

export function createJobCounter(): JobCounter {
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

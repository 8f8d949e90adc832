/** How many ready, single-use sandboxes the server keeps, and for how long (POOL_* settings). */
export interface PoolPolicy {
  /** Ready containers per warm image and limits profile; 0 turns pooling off. */
  size: number;
  /** Besides the default image with the default limits, how many recently used profiles stay warm. */
  recentProfiles: number;
  /** A pooled container idle this long is replaced; a recent profile unused this long goes cold. */
  maxIdleMs: number;
}

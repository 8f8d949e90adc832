/**
 * What each API key holds open (WebSockets, SSE and other streaming responses), so that revoking
 * the key closes them at once rather than at their natural end.
 */
import type { AuthService } from "../services/auth/auth-service.js";

export interface OpenStreams {
  /** Remembers something `keyId` holds open; returns the function that forgets it. */
  track(keyId: string | null, close: () => void): () => void;
  /** Stops listening for revocations. */
  dispose(): void;
}

export function createOpenStreams(auth: AuthService): OpenStreams {
  const byKey = new Map<string, Set<() => void>>();
  /**
   * Keys revoked while this server runs (a revoked key never comes back): a request that was let in
   * just before its key's revocation, and tracks its stream just after, is closed at once.
   */
  const revoked = new Set<string>();
  const dispose = auth.onRevoked((keyId) => {
    revoked.add(keyId);
    const closers = byKey.get(keyId);
    byKey.delete(keyId);
    for (const close of closers ?? []) close();
  });
  return {
    track(keyId, close) {
      if (keyId === null) return () => {};
      if (revoked.has(keyId)) {
        close();
        return () => {};
      }
      const closers = byKey.get(keyId) ?? new Set();
      closers.add(close);
      byKey.set(keyId, closers);
      return () => closers.delete(close);
    },
    dispose,
  };
}

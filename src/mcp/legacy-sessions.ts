/**
 * The sessions of 2025-era MCP clients (those that open with `initialize`; revision 2026-07-28 has
 * none). Standard clients rarely send DELETE /mcp when they close, so sessions are reclaimed three
 * ways: after MCP_SESSION_IDLE_MS without a request, with the key they were opened with when it is
 * revoked, and at the principal's cap (MCP_MAX_SESSIONS_PER_PRINCIPAL), where opening one more
 * closes the principal's least recently used session that has no request in flight. Only when every
 * one of its sessions is busy is a new one refused.
 */
import type { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
import type { Actor } from "../domain/principal.js";
import type { Logger } from "../logger.js";

export interface LegacySession {
  transport: NodeStreamableHTTPServerTransport;
  principalId: string;
  keyId: string | null;
  usedAt: number;
  /** Requests whose responses are still open: a busy session is never closed to make room. */
  inFlight: number;
}

/** Why a new session cannot be opened now. */
export class SessionsBusy extends Error {}

export interface LegacySessionLimits {
  perPrincipal: number;
  idleMs: number;
}

export function createLegacySessions(limits: LegacySessionLimits, logger: Logger) {
  const sessions = new Map<string, LegacySession>();

  const close = (id: string, why: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    logger.debug(`MCP session ${id} closed: ${why}`);
    void session.transport.close();
  };

  // A client that went away without DELETE /mcp leaves its session: it ends after MCP_SESSION_IDLE_MS.
  const idleSweep = setInterval(
    () => {
      const before = Date.now() - limits.idleMs;
      for (const [id, session] of sessions) {
        if (session.inFlight === 0 && session.usedAt < before) close(id, "idle");
      }
    },
    Math.min(limits.idleMs, 60_000),
  );
  idleSweep.unref();

  return {
    /** The session `id` names, if it is one of `actor`'s principal: another's id names none. */
    find(id: string | undefined, actor: Actor): LegacySession | undefined {
      const session = id === undefined ? undefined : sessions.get(id);
      return session?.principalId === actor.principalId ? session : undefined;
    },

    /**
     * Makes room for one more session of `actor`'s principal: at the cap, its least recently used
     * idle session is closed. Throws SessionsBusy when all of them have a request in flight.
     */
    makeRoom(actor: Actor): void {
      const held = [...sessions].filter(([, session]) => session.principalId === actor.principalId);
      if (held.length < limits.perPrincipal) return;
      const idle = held.filter(([, session]) => session.inFlight === 0).sort(([, a], [, b]) => a.usedAt - b.usedAt);
      const oldest = idle[0];
      if (!oldest) {
        throw new SessionsBusy(
          `QUOTA_EXCEEDED: this principal holds ${held.length} MCP sessions, the most it may (MCP_MAX_SESSIONS_PER_PRINCIPAL), ` +
            "and every one has a request in flight; retry when one of them finishes, or close one (DELETE /mcp).",
        );
      }
      close(oldest[0], `the principal opened session ${held.length + 1} of at most ${limits.perPrincipal}`);
    },

    add(id: string, transport: NodeStreamableHTTPServerTransport, actor: Actor): void {
      sessions.set(id, {
        transport,
        principalId: actor.principalId,
        keyId: actor.keyId,
        usedAt: Date.now(),
        inFlight: 0,
      });
    },

    /** Forgets a session its transport closed (DELETE /mcp, or close()). */
    remove(id: string): void {
      sessions.delete(id);
    },

    /** Counts a request as in flight on `session` until `done` (its response closed). */
    use(session: LegacySession): () => void {
      session.usedAt = Date.now();
      session.inFlight += 1;
      return () => {
        session.inFlight -= 1;
        session.usedAt = Date.now();
      };
    },

    /** Ends the sessions opened with `keyId` (it was revoked). */
    closeKey(keyId: string): void {
      for (const [id, session] of sessions) if (session.keyId === keyId) close(id, "its key was revoked");
    },

    /** Closes every session (their calls in flight are cancelled). */
    async closeAll(): Promise<void> {
      clearInterval(idleSweep);
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.all(all.map(({ transport }) => transport.close()));
    },
  };
}

export type LegacySessions = ReturnType<typeof createLegacySessions>;

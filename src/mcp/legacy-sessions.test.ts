import type { NodeStreamableHTTPServerTransport } from "@modelcontextprotocol/node";
import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../domain/principal.js";
import { createLogger } from "../logger.js";
import { createLegacySessions, type LegacySession, type LegacySessions, SessionsBusy } from "./legacy-sessions.js";

const actor = (principalId: string) => ({ principalId, keyId: `key-${principalId}` }) as Actor;

/** A transport that only records that it was closed. */
function transport(closed: string[], id: string) {
  return { close: async () => void closed.push(id) } as unknown as NodeStreamableHTTPServerTransport;
}

describe("2025-era MCP sessions at the principal's cap", () => {
  let sessions: LegacySessions;
  afterEach(async () => {
    await sessions.closeAll();
  });

  it("closes the least recently used idle session to make room, and refuses only when all are busy", () => {
    const closed: string[] = [];
    sessions = createLegacySessions({ perPrincipal: 2, idleMs: 60_000 }, createLogger("error"));
    const alice = actor("alice");
    const held = (id: string): LegacySession => {
      const session = sessions.find(id, alice);
      if (!session) throw new Error(`no session ${id}`);
      return session;
    };
    sessions.add("a", transport(closed, "a"), alice);
    sessions.add("b", transport(closed, "b"), alice);
    // "a" was used last; "b" is busy with a request.
    sessions.use(held("b"));
    const doneA = sessions.use(held("a"));
    doneA();
    sessions.makeRoom(alice);
    expect(closed).toEqual(["a"]);
    expect(sessions.find("a", alice)).toBeUndefined();

    sessions.add("c", transport(closed, "c"), alice);
    sessions.use(held("c"));
    expect(() => sessions.makeRoom(alice)).toThrow(SessionsBusy);
    // Another principal has room of its own, and cannot reach alice's sessions by their ids.
    expect(() => sessions.makeRoom(actor("bob"))).not.toThrow();
    expect(sessions.find("b", actor("bob"))).toBeUndefined();
  });
});

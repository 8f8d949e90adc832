/**
 * Pre-started, single-use sandboxes. Each pooled container is created from exactly the profile a
 * cold run would use (image, limits, labels), then attached and started, its runner blocked on
 * reading its files. A run takes one, writes its tar, and the program starts at once; the container
 * is never used again. The pool refills in the background, one container at a time, after runs.
 *
 * Warm are: the default image with the default limits, plus the most recently used other profiles
 * up to POOL_RECENT_PROFILES. A profile that is not warm, or a run with network, goes cold; the
 * result does not differ. A container that dies while idle is dropped the moment its output stream
 * ends, and is never handed out.
 */

import type { ContainerClient, LiveContainer, SandboxProfile } from "../../domain/engine.js";
import type { PoolPolicy } from "../../domain/pool.js";
import type { Logger } from "../../logger.js";
import type { PoolObserver } from "../../metrics/index.js";

export interface SandboxPoolDeps {
  containers: Pick<ContainerClient, "startPooledSandbox" | "reap" | "reaped">;
  policy: PoolPolicy;
  /** The profile that is always warm (the default image, default limits); null while there is none. */
  pinnedProfile(): Promise<SandboxProfile | null>;
  logger: Logger;
  /** Told whether each run the pool applies to found a ready sandbox (the metrics). */
  observer?: PoolObserver;
}

interface Ready {
  container: LiveContainer;
  readyAt: number;
}

interface Slot {
  profile: SandboxProfile;
  ready: Ready[];
  lastUsed: number;
}

/** After a failed start (an image gone, an engine away), the refill waits this long before trying again. */
const RETRY_AFTER_MS = 5000;

/** The same profile always gives the same key: its fields in a fixed order. */
function keyOf(profile: SandboxProfile): string {
  const { image, runtime, resources, processesPerUser } = profile;
  return JSON.stringify([
    image,
    runtime,
    resources.memoryMb,
    resources.cpus,
    resources.pids,
    resources.network,
    processesPerUser,
  ]);
}

export function createSandboxPool(deps: SandboxPoolDeps) {
  const { policy, containers, logger } = deps;
  const slots = new Map<string, Slot>();
  let closed = false;
  let filling: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | undefined;

  const enabled = (profile: SandboxProfile) => policy.size > 0 && !profile.resources.network && !closed;

  function discard(ready: Ready): void {
    containers.reap(ready.container.id);
  }

  function retireSlot(key: string): void {
    const slot = slots.get(key);
    if (!slot) return;
    slots.delete(key);
    for (const ready of slot.ready.splice(0)) discard(ready);
  }

  /** The pinned profile's slot, and the most recent others up to the cap; the rest go cold. */
  async function warmSlots(): Promise<Slot[]> {
    const pinned = await deps.pinnedProfile();
    const pinnedKey = pinned && enabled(pinned) ? keyOf(pinned) : null;
    if (pinned && pinnedKey && !slots.has(pinnedKey)) slots.set(pinnedKey, { profile: pinned, ready: [], lastUsed: 0 });
    const now = Date.now();
    const others = [...slots.entries()]
      .filter(([key]) => key !== pinnedKey)
      .sort(([, a], [, b]) => b.lastUsed - a.lastUsed);
    others.forEach(([key, slot], index) => {
      if (index >= policy.recentProfiles || now - slot.lastUsed > policy.maxIdleMs) retireSlot(key);
    });
    return [...slots.values()];
  }

  /** Replaces containers that idled past the maximum age. */
  function replaceStale(): void {
    const oldest = Date.now() - policy.maxIdleMs;
    for (const slot of slots.values()) {
      for (const ready of slot.ready.filter((entry) => entry.readyAt < oldest)) {
        slot.ready.splice(slot.ready.indexOf(ready), 1);
        discard(ready);
      }
    }
  }

  async function fillOnce(): Promise<void> {
    replaceStale();
    for (const slot of await warmSlots()) {
      while (!closed && slots.get(keyOf(slot.profile)) === slot && slot.ready.length < policy.size) {
        const container = await containers.startPooledSandbox(slot.profile);
        const ready = { container, readyAt: Date.now() };
        if (closed || slots.get(keyOf(slot.profile)) !== slot) {
          discard(ready);
          return;
        }
        slot.ready.push(ready);
        void container.ended.then(() => {
          // Died while idle (killed, out of memory, engine trouble): it is never handed out.
          const at = slot.ready.indexOf(ready);
          if (at < 0) return;
          slot.ready.splice(at, 1);
          logger.warn("a pooled sandbox ended while idle; replacing it", { containerId: container.id });
          discard(ready);
          refill();
        });
      }
    }
  }

  /** Tops every warm profile up to the pool size, in the background, one container at a time. */
  function refill(): void {
    if (closed || policy.size === 0 || filling) return;
    filling = fillOnce()
      .catch((error) => {
        logger.warn("could not start a pooled sandbox; trying again later", { error: String(error) });
        clearTimeout(retryTimer);
        retryTimer = setTimeout(refill, RETRY_AFTER_MS);
        retryTimer.unref();
      })
      .finally(() => {
        filling = null;
      });
  }

  const ageCheck = setInterval(refill, Math.max(1000, Math.min(policy.maxIdleMs / 4, 60_000)));
  ageCheck.unref();

  return {
    /**
     * A ready container made from this profile, or undefined (the run goes cold). Either way the
     * profile counts as recently used, so the pool keeps it warm for the next run.
     */
    take(profile: SandboxProfile): LiveContainer | undefined {
      if (!enabled(profile)) return undefined;
      const key = keyOf(profile);
      let slot = slots.get(key);
      if (!slot) {
        slot = { profile, ready: [], lastUsed: 0 };
        slots.set(key, slot);
      }
      slot.lastUsed = Date.now();
      while (slot.ready.length > 0) {
        const ready = slot.ready.shift() as Ready;
        if (!ready.container.hasEnded) {
          deps.observer?.hit();
          return ready.container;
        }
        discard(ready);
      }
      deps.observer?.miss();
      return undefined;
    },

    refill,

    /** Removes the pooled containers of a Docker image that was replaced or removed, and waits until they are gone. */
    async retire(dockerImage: string): Promise<void> {
      for (const [key, slot] of slots) if (slot.profile.image === dockerImage) retireSlot(key);
      // A container of the image being started right now is discarded when its start ends.
      await filling;
      await containers.reaped();
    },

    /** How many pooled containers are ready and idle now. */
    idleCount: (): number => [...slots.values()].reduce((count, slot) => count + slot.ready.length, 0),

    /** The ids of idle pooled containers: the start-up sweep leaves them alone. */
    containerIds(): Set<string> {
      return new Set([...slots.values()].flatMap((slot) => slot.ready.map((ready) => ready.container.id)));
    },

    /** Stops refilling and removes every pooled container. */
    async close(): Promise<void> {
      closed = true;
      clearInterval(ageCheck);
      clearTimeout(retryTimer);
      await filling;
      for (const key of [...slots.keys()]) retireSlot(key);
      await containers.reaped();
    },
  };
}

export type SandboxPool = ReturnType<typeof createSandboxPool>;

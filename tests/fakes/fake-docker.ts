/**
 * A stand-in Docker engine for unit tests of the services' logic (queues, cancels, shutdown,
 * removal): containers that run until they are killed or told to exit, and images that can be
 * made to refuse removal. Integration tests use the real engine.
 */
import { PassThrough } from "node:stream";
import type { Docker } from "../../src/docker/docker-client.js";

export interface FakeContainer {
  id: string;
  image: string;
  cmd: string[];
  started: boolean;
  killed: boolean;
  removed: boolean;
  /** Ends the process with this status, as if it exited by itself. */
  exit(code: number): void;
}

export interface FakeDocker {
  docker: Docker;
  containers: FakeContainer[];
  /** References whose removal fails with this error (statusCode as Docker's API gives it). */
  failRemoval: Map<string, { statusCode: number; message: string }>;
  removedImages: string[];
  /** While set, image removals wait for it. */
  removalHeld: Promise<void> | null;
  /** Resolves when a container has started (the n-th one, from 0). */
  started(index: number): Promise<FakeContainer>;
}

export function createFakeDocker(): FakeDocker {
  const containers: FakeContainer[] = [];
  const failRemoval = new Map<string, { statusCode: number; message: string }>();
  const removedImages: string[] = [];
  const startWaiters: (() => void)[] = [];
  let commits = 0;

  const createContainer = async (options: { Image: string; Cmd?: string[] }) => {
    let exitWith: (code: number) => void = () => {};
    const exited = new Promise<{ StatusCode: number }>((resolve) => {
      exitWith = (code) => resolve({ StatusCode: code });
    });
    const stream = new PassThrough();
    const record: FakeContainer = {
      id: `fake-${containers.length}`,
      image: options.Image,
      cmd: options.Cmd ?? [],
      started: false,
      killed: false,
      removed: false,
      exit: (code) => {
        stream.end();
        exitWith(code);
      },
    };
    containers.push(record);
    return {
      id: record.id,
      attach: async () => stream,
      start: async () => {
        record.started = true;
        for (const wake of startWaiters.splice(0)) wake();
      },
      wait: () => exited,
      kill: async () => {
        record.killed = true;
        record.exit(137);
      },
      inspect: async () => ({ State: { OOMKilled: false } }),
      remove: async () => {
        record.removed = true;
      },
      commit: async () => ({ Id: `sha256:committed-${++commits}` }),
    };
  };

  const docker = {
    createContainer,
    getImage: (reference: string) => ({
      inspect: async () => ({ Id: reference, Size: 1, Config: { Env: [], User: "", WorkingDir: "/", Cmd: [] } }),
      remove: async () => {
        await fake.removalHeld;
        const failure = failRemoval.get(reference);
        if (failure) throw Object.assign(new Error(failure.message), { statusCode: failure.statusCode });
        removedImages.push(reference);
      },
    }),
    listContainers: async () => [],
    // Removals by id (see container-reaper.ts).
    getContainer: (id: string) => ({
      remove: async () => {
        const record = containers.find((container) => container.id === id);
        if (record) record.removed = true;
      },
    }),
    // Installs keep their download cache in a volume of the image's own.
    createVolume: async (options: { Name: string }) => ({ name: options.Name }),
    getVolume: () => ({ remove: async () => {} }),
    ping: async () => "OK",
    // Output is read and dropped, so the stream ends when the process does.
    modem: { demuxStream: (stream: PassThrough) => stream.resume() },
  };

  const fake: FakeDocker = {
    docker: docker as unknown as Docker,
    containers,
    failRemoval,
    removedImages,
    removalHeld: null,
    async started(index) {
      for (;;) {
        const container = containers[index];
        if (container?.started) return container;
        await new Promise<void>((resolve) => startWaiters.push(resolve));
      }
    },
  };
  return fake;
}

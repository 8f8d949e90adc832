/**
 * A container created and attached, with its output routed to whoever uses it now. A pooled
 * sandbox is one of these, started ahead of its run, its runner waiting for files on stdin; the
 * resident C# compiler is another, reading requests on a stdin that stays open.
 */
import { Writable } from "node:stream";
import type Dockerode from "dockerode";
import type { ContainerOutput, LiveContainer } from "../domain/engine.js";
import type { Docker } from "./docker-client.js";
import { withDocker } from "./docker-client.js";

/** No stdin; one write, then closed (a run's tar); or open for many writes (a resident service). */
export type StdinMode = "none" | "once" | "open";

export class AttachedContainer implements LiveContainer {
  /** True once its output stream ended: the container exited, or was killed or removed. */
  hasEnded = false;
  /** Where output goes: nowhere while a pooled container waits, then to its run. */
  receiver: (stream: ContainerOutput, chunk: Buffer) => void = () => undefined;

  private constructor(
    readonly container: Dockerode.Container,
    readonly stream: NodeJS.ReadWriteStream,
    /** Resolves when its output stream ends. */
    readonly ended: Promise<void>,
  ) {
    void ended.then(() => {
      this.hasEnded = true;
    });
  }

  get id(): string {
    return this.container.id;
  }

  static async create(
    docker: Docker,
    create: Dockerode.ContainerCreateOptions,
    stdin: StdinMode,
  ): Promise<AttachedContainer> {
    const withStdin = stdin !== "none";
    const container = await withDocker(() =>
      docker.createContainer({
        ...create,
        AttachStdin: withStdin,
        AttachStdout: true,
        AttachStderr: true,
        OpenStdin: withStdin,
        StdinOnce: stdin === "once",
        Tty: false,
      }),
    );
    try {
      const stream = await container.attach({
        stream: true,
        stdin: withStdin,
        stdout: true,
        stderr: true,
        hijack: withStdin,
      });
      // Listened to right after attaching, before the container starts, so that no end is missed.
      const attached = new AttachedContainer(container, stream, outputEnded(stream));
      docker.modem.demuxStream(stream, attached.sink("stdout"), attached.sink("stderr"));
      return attached;
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      throw error;
    }
  }

  /** Starts it ahead of its use (a pooled sandbox, a resident service). */
  async start(): Promise<void> {
    await withDocker(() => this.container.start());
  }

  /** Writes to an open stdin (a resident service's requests). */
  write(data: string): void {
    this.stream.write(data);
  }

  private sink(name: ContainerOutput): Writable {
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.receiver(name, chunk);
        done();
      },
    });
  }
}

/** When an attached stream has delivered all its output: it ended, closed or failed. */
function outputEnded(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise<void>((resolve) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    // A broken stream has delivered all it ever will: the run's result comes from wait(), not from it.
    stream.on("error", () => resolve());
  });
}

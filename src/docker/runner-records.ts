import type { ResourceUsage } from "../domain/usage.js";

/**
 * Reads the records image/bin/sandbox-run writes into a container's output: the nonce the server
 * chose for the run, a word, optional JSON, and a newline. Everything else is the program's output
 * and passes through untouched. A program cannot forge a record without the nonce, which lives only
 * in the runner's memory once the program starts; and a forged record could only end its own run.
 *
 * One reader per stream: each stream is ordered in itself, but stdout and stderr are copied by
 * separate goroutines in the engine, so the run is over only once both have their exit record.
 */
export interface RunnerRecord {
  kind: string;
  /** The JSON after the word, when there is one. */
  body: unknown;
}

/** A record longer than this is not one of the runner's: it is dropped, as is what follows it. */
const MAX_RECORD_BYTES = 4096;

export class RunnerRecordReader {
  private readonly nonce: Buffer;
  /** Bytes that may be the start of the nonce, or of a record not yet ended by its newline. */
  private held: Buffer = Buffer.alloc(0);
  private inRecord = false;
  /** True after the exit record: what a left-behind child writes later is not this run's output. */
  ended = false;

  constructor(nonce: string) {
    this.nonce = Buffer.from(nonce);
  }

  /** The program's output in this chunk (possibly empty), and the records it completed. */
  push(chunk: Buffer): { output: Buffer; records: RunnerRecord[] } {
    const records: RunnerRecord[] = [];
    const output: Buffer[] = [];
    let data: Buffer = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = Buffer.alloc(0);
    while (data.length > 0 && !this.ended) {
      if (this.inRecord) {
        const newline = data.indexOf(10);
        if (newline < 0) {
          if (data.length > MAX_RECORD_BYTES) this.ended = true;
          else this.held = data;
          break;
        }
        const record = parseRecord(data.subarray(0, newline).toString("utf8"));
        records.push(record);
        if (record.kind === "exit") this.ended = true;
        this.inRecord = false;
        data = data.subarray(newline + 1);
        continue;
      }
      const at = data.indexOf(this.nonce);
      if (at >= 0) {
        output.push(data.subarray(0, at));
        this.inRecord = true;
        data = data.subarray(at + this.nonce.length);
        continue;
      }
      const kept = this.partialNonceAtEnd(data);
      output.push(data.subarray(0, data.length - kept));
      this.held = data.subarray(data.length - kept);
      break;
    }
    return { output: Buffer.concat(output), records };
  }

  /** What was held back as a possible nonce when the stream ended without one: it was output. */
  flush(): Buffer {
    const rest = this.inRecord || this.ended ? Buffer.alloc(0) : this.held;
    this.held = Buffer.alloc(0);
    return rest;
  }

  /** How many bytes at the end of data could begin the nonce. */
  private partialNonceAtEnd(data: Buffer): number {
    for (let length = Math.min(this.nonce.length - 1, data.length); length > 0; length--) {
      if (data.subarray(data.length - length).equals(this.nonce.subarray(0, length))) return length;
    }
    return 0;
  }
}

function parseRecord(text: string): RunnerRecord {
  const space = text.indexOf(" ");
  if (space < 0) return { kind: text, body: undefined };
  try {
    return { kind: text.slice(0, space), body: JSON.parse(text.slice(space + 1)) };
  } catch {
    return { kind: text.slice(0, space), body: undefined };
  }
}

/** What the runner said about the program's end. */
export interface ReportedExit {
  exitCode: number;
  oomKills: number;
  /** Read from the container's cgroup after the program ended; null when the server did not ask. */
  usage: ResourceUsage | null;
}

/**
 * Both streams' readers for one run: output passes through to the run's own handler, and `exited`
 * resolves once stdout's and stderr's exit records are both in, so no output is still on its way.
 */
export class RunnerReport<S extends string> {
  private readonly readers: Record<string, RunnerRecordReader> = {};
  private exit: ReportedExit | null = null;
  private resolveExited: (exit: ReportedExit) => void = () => undefined;
  /**
   * True once anything came out of the container. The runner's start record comes out as soon as
   * it has its files, so a container that said nothing never ran a program.
   */
  sawOutput = false;
  readonly exited = new Promise<ReportedExit>((resolve) => {
    this.resolveExited = resolve;
  });

  constructor(
    nonce: string,
    private readonly streams: readonly S[],
    private readonly onOutput: (stream: S, chunk: Buffer) => void,
  ) {
    for (const stream of streams) this.readers[stream] = new RunnerRecordReader(nonce);
  }

  push(stream: S, chunk: Buffer): void {
    this.sawOutput = true;
    const { output, records } = (this.readers[stream] as RunnerRecordReader).push(chunk);
    if (output.length > 0) this.onOutput(stream, output);
    for (const record of records) {
      const body = record.body as Partial<ReportedExit> | undefined;
      if (record.kind === "exit" && body) {
        this.exit = {
          exitCode: Number(body.exitCode),
          oomKills: Number(body.oomKills ?? 0),
          usage: body.usage ?? null,
        };
      }
    }
    if (this.exit && this.streams.every((name) => this.readers[name]?.ended)) this.resolveExited(this.exit);
  }

  /** When the streams ended without the records: what was held back as a possible nonce was output. */
  flush(): void {
    for (const stream of this.streams) {
      const rest = (this.readers[stream] as RunnerRecordReader).flush();
      if (rest.length > 0) this.onOutput(stream, rest);
    }
  }
}

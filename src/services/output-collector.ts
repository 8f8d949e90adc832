/**
 * Collects an execution's stdout and stderr up to a byte limit shared by both. Past the limit,
 * output is drained and dropped (the container is never slowed) and `truncated` is set. Chunks are
 * decoded as UTF-8 per stream, so a character split across chunks is never mangled.
 */
import { StringDecoder } from "node:string_decoder";
import type { OutputStream } from "../domain/execution.js";

export class OutputCollector {
  private used = 0;
  truncated = false;
  private readonly decoders = { STDOUT: new StringDecoder("utf8"), STDERR: new StringDecoder("utf8") };
  private readonly text = { STDOUT: [] as string[], STDERR: [] as string[] };

  constructor(private readonly limitBytes: number) {}

  /** Takes a chunk; returns the text it adds (empty when dropped or still mid-character). */
  add(stream: OutputStream, chunk: Buffer): string {
    if (this.truncated) return "";
    const room = this.limitBytes - this.used;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (kept.length < chunk.length) this.truncated = true;
    this.used += kept.length;
    const text = this.decoders[stream].write(kept);
    if (text !== "") this.text[stream].push(text);
    return text;
  }

  /** The rest of each decoder: a cut-off character is dropped when truncated, never replaced. */
  finish(): { stdout: string; stderr: string } {
    if (!this.truncated) {
      for (const stream of ["STDOUT", "STDERR"] as const) {
        const rest = this.decoders[stream].end();
        if (rest !== "") this.text[stream].push(rest);
      }
    }
    return { stdout: this.text.STDOUT.join(""), stderr: this.text.STDERR.join("") };
  }
}

/**
 * Collects an execution's stdout and stderr up to a byte limit shared by both. Past the limit,
 * output is drained and dropped (the container is never slowed) and `truncated` is set. Chunks are
 * decoded as UTF-8 per stream, so a character split across chunks is never mangled. The limit
 * counts the bytes of what is kept, after decoding (an invalid byte is kept as U+FFFD, three
 * bytes), so it holds for what is stored; and every piece kept is handed back to be streamed, so
 * the live stream and the stored output are the same text.
 */
import { StringDecoder } from "node:string_decoder";
import type { OutputStream } from "../../domain/execution.js";

export class OutputCollector {
  private used = 0;
  truncated = false;
  private readonly decoders = { STDOUT: new StringDecoder("utf8"), STDERR: new StringDecoder("utf8") };
  private readonly text = { STDOUT: [] as string[], STDERR: [] as string[] };

  constructor(private readonly limitBytes: number) {}

  /** Takes a chunk; returns the text it adds (empty when dropped or still mid-character). */
  add(stream: OutputStream, chunk: Buffer): string {
    if (this.truncated) return "";
    return this.keep(stream, this.decoders[stream].write(chunk));
  }

  /**
   * Ends both streams. What a decoder still held (a character cut off by the program's end) is
   * kept like any other text, and returned in `rest` so that it is streamed too.
   */
  finish(): { stdout: string; stderr: string; rest: { stream: OutputStream; data: string }[] } {
    const rest: { stream: OutputStream; data: string }[] = [];
    for (const stream of ["STDOUT", "STDERR"] as const) {
      const data = this.truncated ? "" : this.keep(stream, this.decoders[stream].end());
      if (data !== "") rest.push({ stream, data });
    }
    return { stdout: this.text.STDOUT.join(""), stderr: this.text.STDERR.join(""), rest };
  }

  private keep(stream: OutputStream, decoded: string): string {
    if (decoded === "") return "";
    const room = this.limitBytes - this.used;
    let kept = decoded;
    if (Buffer.byteLength(decoded) > room) {
      kept = wholeCharactersWithin(decoded, room);
      this.truncated = true;
    }
    this.used += Buffer.byteLength(kept);
    if (kept !== "") this.text[stream].push(kept);
    return kept;
  }
}

/** The longest start of `text` whose UTF-8 form fits in `bytes`, never cutting a character. */
function wholeCharactersWithin(text: string, bytes: number): string {
  // A decoder holds back an incomplete last character instead of replacing it.
  return new StringDecoder("utf8").write(Buffer.from(text).subarray(0, Math.max(0, bytes)));
}

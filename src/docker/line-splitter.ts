/** Turns output chunks into lines: a line split across chunks (or a UTF-8 character) is never cut. */
import { StringDecoder } from "node:string_decoder";

export interface LineSplitter {
  push(chunk: Buffer): void;
  /** Passes on the unterminated rest, if any. */
  end(): void;
}

/** A longer line is passed on in pieces of this many characters: output with no line break must not grow without bound. */
export const MAX_LINE_CHARS = 16 * 1024;

export function createLineSplitter(onLine: (line: string) => void): LineSplitter {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  const take = (text: string) => {
    const lines = (pending + text).split(/\r?\n/);
    pending = lines.pop() ?? "";
    for (const line of lines) onLine(line);
    while (pending.length > MAX_LINE_CHARS) {
      onLine(pending.slice(0, MAX_LINE_CHARS));
      pending = pending.slice(MAX_LINE_CHARS);
    }
  };
  return {
    push: (chunk) => take(decoder.write(chunk)),
    end() {
      take(decoder.end());
      if (pending !== "") onLine(pending);
      pending = "";
    },
  };
}

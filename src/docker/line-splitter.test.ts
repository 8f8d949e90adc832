import { describe, expect, it } from "vitest";
import { createLineSplitter, MAX_LINE_CHARS } from "./line-splitter.js";

describe("createLineSplitter", () => {
  it("keeps a line and a character whole across chunks, and passes on the rest at the end", () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line));
    const snowman = Buffer.from("☃");
    splitter.push(Buffer.concat([Buffer.from("one\r\ntw"), snowman.subarray(0, 1)]));
    splitter.push(Buffer.concat([snowman.subarray(1), Buffer.from("o\nrest")]));
    splitter.end();
    expect(lines).toEqual(["one", "tw☃o", "rest"]);
  });

  it("passes a line with no break on in pieces, so it never grows without bound", () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line));
    splitter.push(Buffer.from("x".repeat(MAX_LINE_CHARS * 2 + 5)));
    expect(lines).toEqual(["x".repeat(MAX_LINE_CHARS), "x".repeat(MAX_LINE_CHARS)]);
    splitter.end();
    expect(lines.at(-1)).toBe("xxxxx");
  });
});

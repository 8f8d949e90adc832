import { describe, expect, it } from "vitest";
import { OutputCollector } from "./output-collector.js";

describe("OutputCollector", () => {
  it("keeps streams apart and decodes characters split across chunks", () => {
    const collector = new OutputCollector(100);
    const snowman = Buffer.from("☃");
    expect(collector.add("STDOUT", snowman.subarray(0, 1))).toBe("");
    expect(collector.add("STDERR", Buffer.from("err"))).toBe("err");
    expect(collector.add("STDOUT", snowman.subarray(1))).toBe("☃");
    expect(collector.finish()).toEqual({ stdout: "☃", stderr: "err", rest: [] });
    expect(collector.truncated).toBe(false);
  });

  it("stops at the limit shared by both streams and drops the rest", () => {
    const collector = new OutputCollector(5);
    collector.add("STDOUT", Buffer.from("abc"));
    expect(collector.add("STDERR", Buffer.from("defgh"))).toBe("de");
    expect(collector.add("STDOUT", Buffer.from("more"))).toBe("");
    expect(collector.truncated).toBe(true);
    expect(collector.finish()).toEqual({ stdout: "abc", stderr: "de", rest: [] });
  });

  it("counts the bytes it keeps, so invalid UTF-8 (kept as U+FFFD) cannot pass the limit", () => {
    const collector = new OutputCollector(1024);
    const streamed = collector.add("STDOUT", Buffer.alloc(1024, 0xff));
    expect(collector.truncated).toBe(true);
    const { stdout } = collector.finish();
    expect(Buffer.byteLength(stdout)).toBeLessThanOrEqual(1024);
    expect(stdout).toBe(streamed);
    expect(stdout).toBe("\uFFFD".repeat(341));
  });

  it("streams a character cut off by the program's end, as it is stored", () => {
    const collector = new OutputCollector(100);
    const streamed = collector.add("STDOUT", Buffer.from([0x61, 0xe2, 0x98]));
    const { stdout, rest } = collector.finish();
    expect(streamed + rest.map((piece) => piece.data).join("")).toBe(stdout);
    expect(stdout).toBe("a\uFFFD");
  });

  it("never replaces a character cut by the limit", () => {
    const collector = new OutputCollector(2);
    collector.add("STDOUT", Buffer.from("a☃"));
    expect(collector.finish().stdout).toBe("a");
  });
});

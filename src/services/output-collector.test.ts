import { describe, expect, it } from "vitest";
import { OutputCollector } from "./output-collector.js";

describe("OutputCollector", () => {
  it("keeps streams apart and decodes characters split across chunks", () => {
    const collector = new OutputCollector(100);
    const snowman = Buffer.from("☃");
    expect(collector.add("STDOUT", snowman.subarray(0, 1))).toBe("");
    expect(collector.add("STDERR", Buffer.from("err"))).toBe("err");
    expect(collector.add("STDOUT", snowman.subarray(1))).toBe("☃");
    expect(collector.finish()).toEqual({ stdout: "☃", stderr: "err" });
    expect(collector.truncated).toBe(false);
  });

  it("stops at the limit shared by both streams and drops the rest", () => {
    const collector = new OutputCollector(5);
    collector.add("STDOUT", Buffer.from("abc"));
    expect(collector.add("STDERR", Buffer.from("defgh"))).toBe("de");
    expect(collector.add("STDOUT", Buffer.from("more"))).toBe("");
    expect(collector.truncated).toBe(true);
    expect(collector.finish()).toEqual({ stdout: "abc", stderr: "de" });
  });

  it("never replaces a character cut by the limit", () => {
    const collector = new OutputCollector(2);
    collector.add("STDOUT", Buffer.from("a☃"));
    expect(collector.finish().stdout).toBe("a");
  });
});

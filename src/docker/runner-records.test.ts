import { describe, expect, it } from "vitest";
import { RunnerRecordReader } from "./runner-records.js";

const NONCE = "5f3a9c";

function readAll(reader: RunnerRecordReader, chunks: string[]) {
  let output = "";
  const records: unknown[] = [];
  for (const chunk of chunks) {
    const read = reader.push(Buffer.from(chunk));
    output += read.output.toString();
    records.push(...read.records);
  }
  return { output: output + reader.flush().toString(), records };
}

describe("runner records", () => {
  it("separates the records from the program's output", () => {
    const read = readAll(new RunnerRecordReader(NONCE), [`${NONCE}start\nhello\n${NONCE}exit {"exitCode":3}\n`]);
    expect(read.output).toBe("hello\n");
    expect(read.records).toEqual([
      { kind: "start", body: undefined },
      { kind: "exit", body: { exitCode: 3 } },
    ]);
  });

  it("finds a nonce and a record split across chunks, after output with no newline", () => {
    const read = readAll(new RunnerRecordReader(NONCE), ["partial5f", "3a", "9cexi", 't {"exitCode"', ":0}\nlater"]);
    expect(read.output).toBe("partial");
    expect(read.records).toEqual([{ kind: "exit", body: { exitCode: 0 } }]);
  });

  it("passes output that only looks like the start of the nonce", () => {
    const reader = new RunnerRecordReader(NONCE);
    expect(reader.push(Buffer.from("abc5f")).output.toString()).toBe("abc");
    expect(reader.push(Buffer.from("00")).output.toString()).toBe("5f00");
    expect(readAll(reader, ["tail5f3"]).output).toBe("tail5f3");
  });

  it("drops what a left-behind child writes after the exit record", () => {
    const reader = new RunnerRecordReader(NONCE);
    readAll(reader, [`${NONCE}exit\n`]);
    expect(reader.ended).toBe(true);
    expect(reader.push(Buffer.from("late output")).output.length).toBe(0);
  });
});

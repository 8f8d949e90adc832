import { describe, expect, it } from "vitest";
import { allowedHosts, refusalOf } from "./request-guard.js";

const hosts = allowedHosts("127.0.0.1", 4000);

describe("MCP request guard", () => {
  it.each([
    [{ host: "127.0.0.1:4000" }],
    [{ host: "localhost:4000" }],
    [{ host: "localhost:4000", origin: "http://localhost:4000" }],
    [{ host: "[::1]:4000", origin: "http://127.0.0.1:4000" }],
  ])("lets %j pass", (headers) => {
    expect(refusalOf(headers, hosts)).toBeNull();
  });

  it.each([
    [{ host: "evil.example:4000" }],
    [{ host: "127.0.0.1:4001" }],
    [{}],
    [{ host: "127.0.0.1:4000", origin: "http://evil.example" }],
    [{ host: "127.0.0.1:4000", origin: "http://localhost:4001" }],
    [{ host: "127.0.0.1:4000", origin: "null" }],
  ])("refuses %j", (headers) => {
    expect(refusalOf(headers, hosts)).not.toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { allowedHosts, refusalOf } from "./request-guard.js";

const hosts = allowedHosts("127.0.0.1", 4000);

describe("request guard", () => {
  it.each([
    [{ host: "127.0.0.1:4000" }],
    [{ host: "localhost:4000" }],
    [{ host: "localhost:4000", origin: "http://localhost:4000" }],
    [{ host: "[::1]:4000", origin: "http://127.0.0.1:4000" }],
    [{ host: "localhost:4000", secFetchSite: "same-origin" }],
    [{ host: "localhost:4000", secFetchSite: "none" }],
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
    [{ host: "127.0.0.1:4000", secFetchSite: "cross-site" }],
    [{ host: "127.0.0.1:4000", secFetchSite: "Same-Site" }],
  ])("refuses %j", (headers) => {
    expect(refusalOf(headers, hosts)).not.toBeNull();
  });
});

describe("request guard on every address", () => {
  const any = allowedHosts("0.0.0.0", 4000);

  it("takes any Host, and only a same-origin Origin", () => {
    expect(any).toBeNull();
    expect(refusalOf({ host: "10.1.2.3:4000" }, any)).toBeNull();
    expect(refusalOf({ host: "10.1.2.3:4000", origin: "http://10.1.2.3:4000" }, any)).toBeNull();
    expect(refusalOf({ host: "10.1.2.3:4000", origin: "http://evil.example" }, any)).not.toBeNull();
  });
});

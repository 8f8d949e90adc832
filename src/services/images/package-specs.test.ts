import { describe, expect, it } from "vitest";
import type { PackageManagerId } from "../../languages/index.js";
import { validatePackageSpecs } from "./package-specs.js";

const accepted: [PackageManagerId, string][] = [
  ["PIP", "requests"],
  ["PIP", "requests==2.31.0"],
  ["PIP", "requests[socks,security]>=2.0,<3"],
  ["PIP", "zope.interface~=6.0"],
  ["NPM", "lodash"],
  ["NPM", "lodash@4.17.21"],
  ["NPM", "@types/node@^20.1.0"],
  ["NUGET", "Newtonsoft.Json"],
  ["NUGET", "Newtonsoft.Json@13.0.3"],
  ["NUGET", "Newtonsoft.Json==13.0.3"],
  ["NUGET", "Serilog@4.0.0-dev-02108"],
  ["APT", "jq"],
  ["APT", "libc6=2.36-9+deb12u4"],
  ["APT", "g++"],
  ["GEM", "rake"],
  ["GEM", "rake@13.0.6"],
  ["GEM", "rake==13.0.6"],
  ["GEM", "mcp_executor-demo"],
];

const refused: [PackageManagerId, string][] = [
  ["NPM", "lodash; touch /tmp/x"],
  ["NPM", "$(id)"],
  // npm would read these as options; only the "--" in sandbox-install kept them from it.
  ["NPM", "-r"],
  ["NPM", "--pre"],
  ["NPM", "@scope/-x"],
  ["PIP", "$(id)"],
  ["PIP", "--index-url=http://x"],
  ["PIP", "-r /etc/passwd"],
  ["PIP", "-r"],
  ["PIP", "../x"],
  ["NPM", "../x"],
  ["PIP", "requests\nflask"],
  ["NPM", "lodash\n"],
  ["NPM", "https://example.test/x.tgz"],
  ["NPM", "git+ssh://example.test/x"],
  ["NPM", "file:../x"],
  ["PIP", "requests @ https://example.test/x.whl"],
  ["PIP", "/tmp/x.whl"],
  ["NUGET", "Newtonsoft.Json@latest; rm"],
  ["NUGET", "../Newtonsoft"],
  ["APT", "-o"],
  ["APT", "jq && id"],
  ["APT", "./local.deb"],
  ["APT", "Jq"],
  ["GEM", "-v"],
  ["GEM", "rake>=13"],
  ["GEM", "rake@13.0; id"],
  ["GEM", "./local.gem"],
  ["APT", "python3-"],
  ["APT", "ca-certificates-=1"],
  ["NPM", "lodash|id"],
  ["PIP", "requests`id`"],
  ["PIP", ""],
];

describe("validatePackageSpecs", () => {
  it.each(accepted)("%s accepts %j", (manager, spec) => {
    expect(() => validatePackageSpecs(manager, [spec])).not.toThrow();
  });

  it.each(refused)("%s refuses %j, naming it", (manager, spec) => {
    expect(() => validatePackageSpecs(manager, ["ok-first", spec])).toThrowError(
      expect.objectContaining({ code: "BAD_USER_INPUT", message: expect.stringContaining(JSON.stringify(spec)) }),
    );
  });

  it("refuses an empty list", () => {
    expect(() => validatePackageSpecs("PIP", [])).toThrowError(expect.objectContaining({ code: "BAD_USER_INPUT" }));
  });
});

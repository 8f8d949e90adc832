/**
 * Package specs, checked against each manager's grammar before anything runs. The accepted forms
 * are deliberately narrow: names and version pins only. Options, paths, URLs, whitespace and shell
 * metacharacters never match, so a spec can only ever name a package of the manager's registry.
 */
import { ServiceError } from "../domain/errors.js";
import type { PackageManagerId } from "../languages/index.js";

interface Grammar {
  pattern: RegExp;
  accepted: string;
}

const PEP508_NAME = "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?";
const PEP440_VERSION = "[A-Za-z0-9.*+!_-]+";
const PIP_CLAUSE = `(?:===|==|!=|~=|<=|>=|<|>)${PEP440_VERSION}`;
const NPM_NAME = "[a-z0-9~-][a-z0-9._~-]*";
const NUGET_ID = "[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*";
const NUGET_VERSION = "\\d+(?:\\.\\d+){1,3}(?:-[A-Za-z0-9.-]+)?";

const GRAMMARS: Record<PackageManagerId, Grammar> = {
  PIP: {
    pattern: new RegExp(
      `^${PEP508_NAME}(?:\\[${PEP508_NAME}(?:,${PEP508_NAME})*\\])?(?:${PIP_CLAUSE}(?:,${PIP_CLAUSE})*)?$`,
    ),
    accepted: "a PyPI name with optional [extras] and version clauses, such as requests or requests==2.31.0",
  },
  NPM: {
    pattern: new RegExp(`^(?:@${NPM_NAME}/)?${NPM_NAME}(?:@[A-Za-z0-9.^~*+-]+)?$`),
    accepted: "an npm name with an optional @scope/ and @version, such as lodash or lodash@4.17.21",
  },
  NUGET: {
    pattern: new RegExp(`^${NUGET_ID}(?:(?:@|==)${NUGET_VERSION})?$`),
    accepted: "a NuGet id with an optional version, such as Newtonsoft.Json@13.0.3 or Newtonsoft.Json==13.0.3",
  },
  APT: {
    // A name ending in "-" would ask apt to remove that package: names end in a letter, digit or +.
    pattern: /^[a-z0-9][a-z0-9+.-]*[a-z0-9+](?:=[A-Za-z0-9.+~:-]+)?$/,
    accepted: "a Debian package name with an optional =version, such as curl or jq=1.6-2.1",
  },
};

const MAX_SPEC_LENGTH = 214;
export const MAX_PACKAGES_PER_INSTALL = 50;

/** Throws BAD_USER_INPUT naming the first refused spec. */
export function validatePackageSpecs(manager: PackageManagerId, specs: readonly string[]): void {
  if (specs.length === 0) throw new ServiceError("BAD_USER_INPUT", "packages must name at least one package.");
  if (specs.length > MAX_PACKAGES_PER_INSTALL) {
    throw new ServiceError("BAD_USER_INPUT", `packages may name at most ${MAX_PACKAGES_PER_INSTALL} packages at once.`);
  }
  const grammar = GRAMMARS[manager];
  for (const [index, spec] of specs.entries()) {
    if (spec.length > MAX_SPEC_LENGTH || !grammar.pattern.test(spec)) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `packages[${index}] ${JSON.stringify(spec)} is not a ${manager} package spec: give ${grammar.accepted}.`,
      );
    }
  }
}

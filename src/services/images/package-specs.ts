/**
 * Package specs, checked against their manager's grammar (see languages/package-manager.ts) before
 * anything runs. Options, paths, URLs, whitespace and shell metacharacters never match, so a spec
 * can only ever name a package of the manager's registry.
 */
import { ServiceError } from "../../domain/errors.js";
import type { PackageManagerId } from "../../domain/languages.js";
import { managerById } from "../../languages/index.js";

const MAX_SPEC_LENGTH = 214;
export const MAX_PACKAGES_PER_INSTALL = 50;

/** Throws BAD_USER_INPUT naming the first refused spec. */
export function validatePackageSpecs(managerId: PackageManagerId, specs: readonly string[]): void {
  if (specs.length === 0) throw new ServiceError("BAD_USER_INPUT", "packages must name at least one package.");
  if (specs.length > MAX_PACKAGES_PER_INSTALL) {
    throw new ServiceError("BAD_USER_INPUT", `packages may name at most ${MAX_PACKAGES_PER_INSTALL} packages at once.`);
  }
  const { spec: grammar } = managerById(managerId).manager;
  for (const [index, spec] of specs.entries()) {
    if (spec.length > MAX_SPEC_LENGTH || !grammar.pattern.test(spec)) {
      throw new ServiceError(
        "BAD_USER_INPUT",
        `packages[${index}] ${JSON.stringify(spec)} is not a ${managerId} package spec: give ${grammar.accepted}.`,
      );
    }
  }
}

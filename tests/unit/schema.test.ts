/**
 * schema.graphql is what the code prints, and the code's schema keeps the shared API contract:
 * nothing in ../shared/api/contract.graphql may be missing, renamed or tightened.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, findBreakingChanges } from "graphql";
import { describe, expect, it } from "vitest";
import { languageCatalog } from "../../src/languages/catalog.js";
import { BUNDLED_LANGUAGES } from "../../src/languages/index.js";
import { PROJECT_ROOT } from "../../src/paths.js";
import { createSchema, printSortedSchema } from "../../src/schema/index.js";

const printed = printSortedSchema(createSchema(languageCatalog(BUNDLED_LANGUAGES)));

describe("schema", () => {
  it("schema.graphql is what the code prints", () => {
    expect(readFileSync(join(PROJECT_ROOT, "schema.graphql"), "utf8")).toBe(printed);
  });

  it("keeps the API contract", () => {
    const contract = buildSchema(readFileSync(join(PROJECT_ROOT, "..", "shared", "api", "contract.graphql"), "utf8"));
    const broken = findBreakingChanges(contract, buildSchema(printed)).map((change) => change.description);
    // graphql-js counts the built-in scalars that no field uses as "removed": they are not the contract's.
    expect(
      broken.filter(
        (description) => !/^Standard scalar \w+ was removed because it is not referenced/.test(description),
      ),
    ).toEqual([]);
  });
});

/**
 * The schema's languages are the catalog's it is built from: a plugin's language and manager join
 * the enums and the descriptions that list them, with no registry read at import.
 */
import { type GraphQLEnumType, type GraphQLInputObjectType, graphqlSync, isEnumType } from "graphql";
import { describe, expect, it } from "vitest";
import type { LanguageCatalog } from "../domain/languages.js";
import { languageCatalog } from "../languages/catalog.js";
import { BUNDLED_LANGUAGES } from "../languages/index.js";
import { createSchema } from "./index.js";

const bundled = languageCatalog(BUNDLED_LANGUAGES);
const withToy: LanguageCatalog = {
  languages: [
    ...bundled.languages,
    {
      id: "TOYLANG",
      name: "Toy",
      description: "Toy, run as main.toy.",
      aliases: ["toy"],
      fileExtensions: [".toy"],
      versionLines: ["1"],
      packageManager: "TOYPKG",
    },
  ],
  managers: [
    ...bundled.managers,
    { id: "TOYPKG", language: "TOYLANG", description: "Toys.", aliases: [], servesEveryImage: false },
  ],
};

const enumValues = (type: unknown) => {
  expect(isEnumType(type)).toBe(true);
  return (type as GraphQLEnumType).getValues().map((value) => [value.name, value.description]);
};

const fieldDescription = (schema: ReturnType<typeof createSchema>, input: string, field: string) =>
  (schema.getType(input) as GraphQLInputObjectType).getFields()[field]?.description;

describe("the schema's languages", () => {
  it("are the bundled ones for the bundled catalog", () => {
    const schema = createSchema(bundled);
    expect(enumValues(schema.getType("Language")).map(([name]) => name)).toEqual(
      BUNDLED_LANGUAGES.map((language) => language.id).sort(),
    );
    expect(fieldDescription(schema, "ExecuteInput", "code")).toContain("Python, Node.js, C#, Bash or Ruby");
  });

  it("take a plugin's language and manager into the enums and the descriptions", () => {
    const schema = createSchema(withToy);
    expect(enumValues(schema.getType("Language"))).toContainEqual(["TOYLANG", "Toy, run as main.toy."]);
    expect(enumValues(schema.getType("PackageManager"))).toContainEqual(["TOYPKG", "Toys."]);
    expect(fieldDescription(schema, "ExecuteInput", "code")).toContain("Ruby or Toy");
    expect(fieldDescription(schema, "CreateImageInput", "languages")).toContain("RUBY, TOYLANG");
    expect(fieldDescription(schema, "InstallPackagesInput", "manager")).toContain("GEM, TOYPKG");
  });

  it("are what Query.languages lists, in the catalog's order", () => {
    const { data } = graphqlSync({
      schema: createSchema(withToy),
      source: "{ languages { language name packageManager } }",
    });
    expect(data?.languages).toEqual(
      withToy.languages.map(({ id, name, packageManager }) => ({ language: id, name, packageManager })),
    );
  });
});

/**
 * The shape a third-party language plugin's default export must have: a LanguageDefinition (see
 * language.ts), checked with zod before it is registered, so that a broken plugin stops the start
 * with what is wrong rather than failing a run later. Only the shape is checked here; whether its id
 * and aliases are free is the loader's check (it knows the registry).
 */
import { z } from "zod";

/** An enum value of the schema: what GraphQL accepts, in the style of the built-in ones. */
export const ENUM_ID = /^[A-Z][A-Z0-9_]*$/;

const text = (what = "must be a non-empty string") => z.string({ error: what }).min(1, { error: what });
const strings = (what = "must be an array of strings") => z.array(z.string({ error: what }), { error: what });
const regExp = z.instanceof(RegExp, { error: "must be a RegExp" });
const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === "function", {
  error: "must be a function",
});
const extension = z.string({ error: "must be a string" }).regex(/^\.[A-Za-z0-9_+-]+$/, {
  error: 'must be an extension with its dot, such as ".rb"',
});
const enumId = (example: string) =>
  z.string({ error: "must be a string" }).regex(ENUM_ID, {
    error: `must be upper-case letters, digits and _, starting with a letter, such as ${example}`,
  });
const lowerCaseNames = z.array(
  z.string({ error: "must be a string" }).regex(/^[^A-Z\s]+$/, { error: "must be lower case, without spaces" }),
  { error: "must be an array of strings" },
);

const packageManagerSchema = z.object(
  {
    id: enumId("GEM"),
    description: text().optional(),
    registrySetting: z
      .string({ error: "must be a string" })
      .regex(/^[A-Z][A-Z0-9_]*$/, { error: "must be an environment variable's name, such as GEM_SOURCE" })
      .optional(),
    aliases: lowerCaseNames.optional(),
    spec: z.object(
      { pattern: regExp, accepted: text() },
      { error: "must be an object { pattern: RegExp, accepted: string }" },
    ),
    servesEveryImage: z.boolean({ error: "must be true or false" }).optional(),
    installCapabilities: z
      .array(z.string().regex(/^[A-Z_]+$/), { error: "must be an array of capability names, such as SETUID" })
      .optional(),
    registryEnv: fn.optional(),
    parseInstalled: fn.optional(),
  },
  { error: "must be null or an object { id, spec, ... }" },
);

/** A recipe; vendor files come from the npm registry, NuGet, or the machine's .NET SDK (see recipe.ts). */
const recipeSchema = z.object(
  {
    stages: strings(),
    steps: strings(),
    vendor: z.array(
      z.object(
        {
          name: text(),
          source: z.looseObject(
            { kind: z.enum(["npm-package", "dotnet-sdk", "nuget-packages"]) },
            { error: 'must be an object whose kind is "npm-package", "dotnet-sdk" or "nuget-packages"' },
          ),
        },
        { error: "must be an object { name, source }" },
      ),
      { error: "must be an array of { name, source }" },
    ),
  },
  { error: "must be an object { stages: string[], steps: string[], vendor: { name, source }[] }" },
);

export const pluginSchema = z.object(
  {
    id: enumId("RUBY"),
    name: text().optional(),
    description: text().optional(),
    aliases: lowerCaseNames.optional(),
    fileExtension: extension,
    otherExtensions: z.array(extension, { error: "must be an array of strings" }).optional(),
    sourceFileName: z
      .string({ error: "must be a string" })
      .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/, { error: "must be a plain file name, such as main.rb" }),
    imageFolder: text().optional(),
    runCommand: fn,
    versions: z
      .array(
        z.object(
          {
            line: text(),
            recipe: recipeSchema,
            probe: z.object(
              { command: z.array(z.string(), { error: "must be an array of strings" }).min(1), parse: fn },
              { error: "must be an object { command: string[], parse(output) }" },
            ),
          },
          { error: "must be an object { line, recipe, probe }" },
        ),
        { error: "must be an array of { line, recipe, probe }" },
      )
      .min(1, { error: "must name at least one version" }),
    defaultVersion: text(),
    defaultSteps: fn.optional(),
    packageManager: packageManagerSchema.nullable(),
    recipe: recipeSchema,
    analysisRules: z.array(
      z.object(
        {
          pattern: regExp,
          warning: text(),
          network: z.boolean({ error: "must be true or false" }).optional(),
        },
        { error: "must be an object { pattern: RegExp, warning: string }" },
      ),
      { error: "must be an array of { pattern: RegExp, warning: string }" },
    ),
    residentCompiler: z
      .object(
        { command: fn, prepare: fn },
        { error: "must be an object { command(version), prepare(sourceFile, version, result) }" },
      )
      .optional(),
  },
  { error: "the default export must be an object (a LanguageDefinition)" },
);

/** "recipe.steps must be an array of strings": the first issue, said about its field of `value`. */
export function describeIssue(error: z.ZodError, value: unknown): string {
  const issue = error.issues[0];
  if (!issue) return "is not a LanguageDefinition";
  const path = issue.path
    .map((key, index) => (typeof key === "number" ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join("");
  if (path === "") return issue.message;
  let found: unknown = value;
  for (const key of issue.path) found = (found as Record<PropertyKey, unknown> | null | undefined)?.[key];
  return found === undefined ? `${path} is missing` : `${path} ${issue.message}`;
}

/**
 * The inputs of the run operations (execute, executeFile, the run subscription), described once as
 * zod schemas. The GraphQL input types and the MCP tool schemas are derived from them, so a field,
 * its type and its description exist in one place. Without a policy the descriptions name the
 * settings and their built-in values (schema.graphql must not change with the environment); with
 * one they state the values in force (what an MCP agent reads). The languages are the catalog's
 * that the composition root passes to runInputSchemas, never the registry's at import.
 */
import { z } from "zod";
import { ISOLATIONS } from "./isolation.js";
import { either } from "./language-phrases.js";
import type { LanguageCatalog } from "./languages.js";
import { type ExecutionPolicy, LIMIT_FIELDS, limitNumber, NETWORK_FIELD } from "./limits.js";

/** Marks a string field that GraphQL types as ID. */
export const ID_META = { graphqlType: "ID" } as const;

export function limitsInputSchema(policy?: ExecutionPolicy) {
  const limit = (field: keyof typeof LIMIT_FIELDS) => {
    const spec = LIMIT_FIELDS[field];
    const text = policy
      ? `${spec.what} Default ${policy.defaults[field]}; at most ${policy.maxima[field]} on this server.`
      : `${spec.what} Default: ${spec.setting} (built in ${spec.builtIn}); at most ${spec.maxSetting} (built in ${spec.builtInMax}).`;
    return limitNumber(field).nullish().describe(text);
  };
  const network = policy
    ? `${NETWORK_FIELD.what} Default ${policy.defaults.network}; ${policy.networkAllowed ? "requests may turn it on" : "this server does not allow it"}.`
    : `${NETWORK_FIELD.what} Default: ${NETWORK_FIELD.setting} (built in ${NETWORK_FIELD.builtIn}); allowed when ${NETWORK_FIELD.allowedSetting} (built in ${NETWORK_FIELD.builtInAllowed}).`;
  return z
    .object({
      timeoutMs: limit("timeoutMs"),
      memoryMb: limit("memoryMb"),
      cpus: limit("cpus"),
      pids: limit("pids"),
      network: z.boolean().nullish().describe(network),
      outputLimitBytes: limit("outputLimitBytes"),
    })
    .describe(
      "Limits of one run. Omitted fields take the server's defaults; a value above the server's maximum is refused with LIMIT_EXCEEDED, never lowered.",
    );
}

/** What every run takes besides its code: where it runs, its input, its arguments and limits. */
function runOptionFields(policy?: ExecutionPolicy) {
  return {
    imageId: z
      .string()
      .meta(ID_META)
      .nullish()
      .describe("The image to run in (see images). Default: the default image, which has every language."),
    version: z
      .string()
      .nullish()
      .describe(
        'The runtime version to run on: a line such as "22" (its newest 22.x), or an exact version to pin it (see runtimes). Default: the image\'s default version of the language.',
      ),
    isolation: z
      .enum(ISOLATIONS)
      .nullish()
      .describe(
        policy
          ? `How strongly the run is kept from the host: STANDARD (runc) or STRONG (gVisor, no network). Default ${policy.defaultIsolation}.`
          : "How strongly the run is kept from the host: STANDARD (runc, the host's kernel) or STRONG (gVisor's runsc, a kernel of its own in user space; no network). Default: the server's SANDBOX_RUNTIME (built in runc, STANDARD).",
      ),
    stdin: z.string().nullish().describe("Standard input for the program. Default: empty."),
    args: z
      .array(z.string())
      .nullish()
      .describe("Command-line arguments passed to the program, in order. Default: none."),
    limits: limitsInputSchema(policy).nullish(),
    wait: z
      .boolean()
      .nullish()
      .default(true)
      .describe(
        "True: answer once the execution has ended. False: answer at once (QUEUED or RUNNING) and follow it with executionEvents.",
      ),
  };
}

/**
 * The run operations' inputs for the languages of `catalog`; each takes the policy in force (for an
 * MCP agent) or none (for schema.graphql).
 */
export function runInputSchemas(catalog: LanguageCatalog) {
  const ids = catalog.languages.map((language) => language.id);
  const language = z.enum(ids).describe(`The program's language: ${ids.join(", ")}.`);
  const names = either(catalog.languages.map((entry) => entry.name));
  return {
    language,
    execute: (policy?: ExecutionPolicy) =>
      z
        .object({
          language,
          code: z.string().describe(`The program's source, one file: ${names} (each Language value says how it runs).`),
          fileIds: z
            .array(z.string().meta(ID_META))
            .nullish()
            .describe("Stored files copied into the working directory (/workspace) before the run, under their names."),
          ...runOptionFields(policy),
        })
        .describe("A program to run in a fresh, locked-down container."),
    executeFile: (policy?: ExecutionPolicy) =>
      z
        .object({
          fileId: z.string().meta(ID_META).describe("The stored file to run, under its own name in /workspace."),
          language: language.nullish().describe("Run it as this language. Default: the file's own language."),
          ...runOptionFields(policy),
        })
        .describe("A stored file to run, as execute runs code."),
  };
}

export type RunInputSchemas = ReturnType<typeof runInputSchemas>;
export type ExecuteRequest = z.input<ReturnType<RunInputSchemas["execute"]>>;
export type ExecuteFileRequest = z.input<ReturnType<RunInputSchemas["executeFile"]>>;

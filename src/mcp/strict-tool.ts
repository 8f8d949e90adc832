/**
 * Tools whose inputs are strict and whose every refusal starts with a contract code. The SDK
 * validates arguments itself and answers a failure as "Input validation error: …", and it lets an
 * unknown argument through unseen (a seed script's `timeout_seconds` would run with the default
 * timeout and say nothing). So the SDK is handed a schema that advertises the tool's JSON Schema
 * (additionalProperties: false) but accepts any value, and this module validates with zod:
 * an unknown argument is refused by name with the accepted ones listed, any other mismatch names
 * its field, both as BAD_USER_INPUT.
 */
import type { CallToolResult, McpServer, StandardSchemaWithJSON, ToolAnnotations } from "@modelcontextprotocol/server";
import { type ZodRawShape, z } from "zod";
import { ServiceError } from "../domain/errors.js";
import type { ToolContext } from "./progress.js";
import type { Answer } from "./tool-results.js";

/** What the SDK is given: the schema's JSON Schema for tools/list, and a validation that keeps every value. */
function advertisedOnly(schema: z.ZodType): StandardSchemaWithJSON {
  const own = schema["~standard"];
  return {
    "~standard": {
      version: 1,
      vendor: "mcp-docker-executor",
      validate: (value) => ({ value }),
      jsonSchema: own.jsonSchema,
    },
  };
}

/** "code: Invalid input: expected string, received undefined", one issue per clause. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join(".");
  return field ? `${field}: ${issue.message}` : issue.message;
}

/** The BAD_USER_INPUT refusal of arguments that do not fit `schema`: unknown ones first, by name. */
export function refusalOf(tool: string, schema: z.ZodObject, error: z.ZodError): ServiceError {
  const unknown = error.issues.flatMap((issue) => (issue.code === "unrecognized_keys" ? issue.keys : []));
  const accepted = Object.keys(schema.shape).join(", ");
  const clauses: string[] = [];
  if (unknown.length > 0) {
    const names = unknown.join(", ");
    clauses.push(
      `${tool} takes no argument${unknown.length > 1 ? "s" : ""} ${names}; it accepts ${accepted || "none"}`,
    );
  }
  for (const issue of error.issues) if (issue.code !== "unrecognized_keys") clauses.push(describeIssue(issue));
  return new ServiceError("BAD_USER_INPUT", `${clauses.join("; ")}.`);
}

interface StrictToolConfig<Input extends ZodRawShape, Output extends ZodRawShape> {
  title: string;
  description: string;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
}

/**
 * Registers a tool on `server` whose arguments are parsed strictly before `run`, and whose structured
 * result is checked against `output` (a mismatch is our fault: masked by `answer`, and logged).
 */
export type StrictTool = <Input extends ZodRawShape, Output extends ZodRawShape>(
  name: string,
  config: StrictToolConfig<Input, Output>,
  run: (input: z.output<z.ZodObject<Input>>, context: ToolContext) => Promise<CallToolResult>,
) => void;

export const strictTools =
  (server: McpServer, answer: Answer): StrictTool =>
  (name, config, run) => {
    const input = z.object(config.input).strict();
    const output = z.object(config.output);
    server.registerTool(
      name,
      {
        title: config.title,
        description: config.description,
        inputSchema: advertisedOnly(input),
        outputSchema: advertisedOnly(output),
        annotations: config.annotations,
      },
      (args: unknown, context: ToolContext) =>
        answer(async () => {
          const parsed = input.safeParse(args ?? {});
          if (!parsed.success) throw refusalOf(name, input, parsed.error);
          const result = await run(parsed.data, context);
          if (!result.isError) output.parse(result.structuredContent);
          return result;
        }),
    );
  };

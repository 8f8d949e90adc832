import { describe, expect, it } from "vitest";
import { z } from "zod";
import { refusalOf } from "./strict-tool.js";

const schema = z.object({ language: z.string(), code: z.string(), timeoutMs: z.number().optional() }).strict();
const refusal = (args: unknown) => {
  const parsed = schema.safeParse(args);
  if (parsed.success) throw new Error("expected a refusal");
  return refusalOf("execute_code", schema, parsed.error);
};

describe("a strict tool's refusal", () => {
  it("names an unknown argument and lists the accepted ones, as BAD_USER_INPUT", () => {
    const error = refusal({ language: "python", code: "1", timeout_seconds: 300 });
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toBe("execute_code takes no argument timeout_seconds; it accepts language, code, timeoutMs.");
  });

  it("names several unknown arguments, then every other mismatch by its field", () => {
    const error = refusal({ language: 3, code: "1", cwd: "/", env: {} });
    expect(error.message).toBe(
      "execute_code takes no arguments cwd, env; it accepts language, code, timeoutMs; language: Invalid input: expected string, received number.",
    );
  });
});

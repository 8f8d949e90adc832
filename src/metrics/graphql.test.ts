import { describe, expect, it } from "vitest";
import { boundedNames } from "./graphql.js";

describe("boundedNames", () => {
  it("keeps the first names as they are, calls unnamed ones Anonymous, and later new ones other", () => {
    const nameOf = boundedNames(2);
    expect(nameOf("First")).toBe("First");
    expect(nameOf(undefined)).toBe("Anonymous");
    expect(nameOf("Third")).toBe("other");
    expect(nameOf("First")).toBe("First");
  });
});

import { describe, expect, it } from "vitest";
import { ServiceError } from "../../domain/errors.js";
import { createContainerRuntimes } from "./container-runtimes.js";

/** An engine whose runtimes the test changes, as running the set-up script does. */
function engine(runtimes: string[]) {
  const state = { runtimes, calls: 0 };
  const engine = {
    runtimes: async () => {
      state.calls++;
      return state.runtimes;
    },
  };
  return { engine, state };
}

describe("container runtimes", () => {
  it("refuses STRONG without runsc, naming the set-up script, and accepts it once runsc is there", async () => {
    const { engine: info, state } = engine(["runc"]);
    const runtimes = createContainerRuntimes(info);
    await expect(runtimes.requireFor("STANDARD")).resolves.toBeUndefined();
    const refusal = await runtimes.requireFor("STRONG").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ServiceError);
    expect(refusal).toMatchObject({ code: "BAD_USER_INPUT" });
    expect((refusal as Error).message).toMatch(/runsc.*scripts\/ensure-docker\.sh/);
    state.runtimes = ["runc", "runsc"];
    await expect(runtimes.requireFor("STRONG")).resolves.toBeUndefined();
    expect(await runtimes.list()).toEqual(["runc", "runsc"]);
  });

  it("keeps an answer briefly, and lists none while the engine does not answer", async () => {
    const { engine: info, state } = engine(["runc", "runsc"]);
    const runtimes = createContainerRuntimes(info);
    await runtimes.list();
    await runtimes.requireFor("STRONG");
    expect(state.calls).toBe(1);
    const away = createContainerRuntimes({
      runtimes: async () => {
        throw Object.assign(new Error("connect ENOENT"), { code: "ENOENT" });
      },
    });
    expect(await away.list()).toEqual([]);
  });
});

import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { isDockerUnreachable, onDockerFailure, withDocker } from "../docker/docker-client.js";
import { dockerErrorMetrics, dockerErrorReason } from "./docker-errors.js";

describe("Docker API errors", () => {
  it("counts what withDocker sees fail, by reason, while a listener is registered", async () => {
    const registry = new Registry();
    const metrics = dockerErrorMetrics(registry);
    const stop = onDockerFailure((error) => metrics.failed(dockerErrorReason(error, isDockerUnreachable(error))));
    const fail = (error: object) => withDocker(() => Promise.reject(Object.assign(new Error("failed"), error)));
    await expect(fail({ code: "ECONNREFUSED" })).rejects.toMatchObject({ code: "DOCKER_UNAVAILABLE" });
    await expect(fail({ statusCode: 404 })).rejects.toThrow("failed");
    await expect(fail({ statusCode: 404 })).rejects.toThrow("failed");
    await expect(fail({})).rejects.toThrow("failed");
    await withDocker(async () => "fine");
    stop();
    await expect(fail({ statusCode: 500 })).rejects.toThrow("failed");
    const values = (await registry.getSingleMetric("mde_docker_api_errors_total")?.get())?.values ?? [];
    expect(Object.fromEntries(values.map((value) => [value.labels.reason, value.value]))).toEqual({
      unreachable: 1,
      "404": 2,
      other: 1,
    });
  });
});

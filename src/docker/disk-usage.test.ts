import { describe, expect, it } from "vitest";
import { diskUsageOf } from "./disk-usage.js";

describe("diskUsageOf", () => {
  it("reads docker system df as the CLI counts it", () => {
    expect(
      diskUsageOf({
        LayersSize: 1000,
        Containers: [{ SizeRw: 10 }, {}],
        Volumes: [{ UsageData: { Size: 5 } }, { UsageData: { Size: -1 } }],
        BuildCache: [
          { Size: 100, Shared: false },
          { Size: 50, Shared: true },
        ],
      }),
    ).toEqual({ imagesBytes: 1000, containersBytes: 10, buildCacheBytes: 100, volumesBytes: 5 });
  });

  it("takes an older engine's BuilderSize when BuildCache is missing", () => {
    expect(diskUsageOf({ BuilderSize: 42 })).toMatchObject({ buildCacheBytes: 42, imagesBytes: 0 });
  });
});

/** The engine's disk use (`docker system df`). Slow (it walks every layer and volume): call it off the request path. */
import type { DockerDiskUsage } from "../domain/health.js";
import { type Docker, withDocker } from "./docker-client.js";

export interface SystemDf {
  LayersSize?: number;
  Containers?: { SizeRw?: number }[] | null;
  Volumes?: { UsageData?: { Size?: number } | null }[] | null;
  BuildCache?: { Size?: number; Shared?: boolean }[] | null;
  /** Older engines' figure for the build cache, when BuildCache is missing. */
  BuilderSize?: number;
}

const sum = (values: (number | undefined)[]) =>
  values.reduce<number>((total, value) => total + (value !== undefined && value > 0 ? value : 0), 0);

export async function dockerDiskUsage(docker: Docker): Promise<Omit<DockerDiskUsage, "measuredAt">> {
  return diskUsageOf((await withDocker(() => docker.df())) as SystemDf);
}

/** The figures of `docker system df` as the CLI counts them: shared build cache and unmeasured volumes count as nothing. */
export function diskUsageOf(df: SystemDf): Omit<DockerDiskUsage, "measuredAt"> {
  return {
    imagesBytes: df.LayersSize ?? 0,
    containersBytes: sum((df.Containers ?? []).map((container) => container.SizeRw)),
    buildCacheBytes: df.BuildCache
      ? sum(df.BuildCache.filter((entry) => !entry.Shared).map((entry) => entry.Size))
      : (df.BuilderSize ?? 0),
    // -1 means "not measured" for a volume (another driver): it counts as nothing.
    volumesBytes: sum((df.Volumes ?? []).map((volume) => volume.UsageData?.Size)),
  };
}

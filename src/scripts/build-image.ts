/**
 * `npm run image:build`: builds (or rebuilds from cache) the default sandbox image, printing the
 * build's output as it happens, then a summary line.
 */
import { loadConfig } from "../config.js";
import { createDockerClient } from "../docker/docker-client.js";
import { createSandboxImageService } from "../services/sandbox-image-service.js";

const config = loadConfig();
const report = await createSandboxImageService(createDockerClient(), config).ensure({
  rebuild: true,
  onLine: (line) => console.log(line),
});
console.log(
  `${report.tag}: ${report.imageId} ${(report.sizeBytes / 1e6).toFixed(0)} MB, built in ${report.buildSeconds?.toFixed(1)} s`,
);

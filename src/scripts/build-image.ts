/**
 * `npm run image:build`: builds (or rebuilds from cache) the default sandbox image, printing the
 * build's output as it happens, then a summary line.
 */
import { languagePluginsDir, loadConfig } from "../config.js";
import { createDockerClient } from "../docker/docker-client.js";
import { createDockerEngine } from "../docker/docker-engine.js";
import { registerLanguagePlugins } from "../languages/plugin-loader.js";
import { createLogger } from "../logger.js";
import { createSandboxImageService } from "../services/images/assembly/sandbox-image-service.js";

// The default image has every language, LANGUAGE_PLUGINS_DIR's plugins included.
await registerLanguagePlugins(languagePluginsDir());
const config = loadConfig();
const { images } = createDockerEngine(createDockerClient(), { dataDir: config.dataDir, logger: createLogger("warn") });
const report = await createSandboxImageService(images, config).ensure({
  rebuild: true,
  onLine: (line) => console.log(line),
});
console.log(
  `${report.tag}: ${report.imageId} ${(report.sizeBytes / 1e6).toFixed(0)} MB, built in ${report.buildSeconds?.toFixed(1)} s`,
);

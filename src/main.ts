/**
 * `npm start`: registers the language plugins of LANGUAGE_PLUGINS_DIR, reads the configuration,
 * takes the data folder (refused, exit 1, when another process holds it), starts the server, and
 * stops cleanly on SIGINT/SIGTERM. A bad setting or a broken plugin stops it (exit 1) before Docker
 * or the data folder is touched.
 */
import { type App, createApp } from "./app.js";
import { languagePluginsDir, loadConfig } from "./config.js";
import { ConfigError, messageOf } from "./domain/errors.js";
import type { LanguageCatalog } from "./domain/languages.js";
import { registerLanguagePlugins } from "./languages/plugin-loader.js";
import { createLogger } from "./logger.js";
import { DataDirHeldError } from "./store/data-dir-lock.js";

let config: ReturnType<typeof loadConfig>;
let catalog: LanguageCatalog;
try {
  // First: the configuration reads the plugins' registry settings, and the app is built from the
  // catalog of every registered language (the enums, the inputs, the MCP tools' descriptions).
  catalog = await registerLanguagePlugins(languagePluginsDir());
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`configuration error: ${error.message}\n`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
let app: App;
try {
  app = await createApp(config, logger, catalog);
} catch (error) {
  if (!(error instanceof DataDirHeldError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    app.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error(`stop failed: ${messageOf(error)}`);
        process.exit(1);
      },
    );
  });
}

try {
  const url = await app.start();
  logger.info(`GraphQL (and GraphiQL) at ${url}; subscriptions over graphql-ws at the same address`);
} catch (error) {
  logger.error(`start failed: ${messageOf(error)}`);
  process.exit(1);
}

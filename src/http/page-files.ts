/**
 * The files of the server's pages, read once as the server is created (see static-files.ts). A
 * page whose files cannot be read is logged with its folder and answers 503; the server still
 * starts, since the API does not need its pages.
 */
import type { PageFilesConfig } from "../config.js";
import { messageOf } from "../domain/errors.js";
import type { Logger } from "../logger.js";
import { type DocsFiles, readDocsFiles } from "../rest/docs-page.js";
import { type ConsoleFiles, readConsoleFiles } from "./console.js";
import { type GraphiQLFiles, readGraphiQLFiles } from "./graphiql.js";

export interface PageFiles {
  graphiql: GraphiQLFiles | null;
  console: ConsoleFiles | null;
  docs: DocsFiles | null;
}

export async function readPageFiles(dirs: PageFilesConfig, logger: Logger): Promise<PageFiles> {
  const read = <T>(page: string, setting: string, dir: string, reader: (dir: string) => Promise<T>) =>
    reader(dir).catch((error) => {
      logger.warn(`${page} answers 503: its files could not be read from ${dir} (${setting}): ${messageOf(error)}`);
      return null;
    });
  const [graphiql, console, docs] = await Promise.all([
    read("GraphiQL", "GRAPHIQL_DIR", dirs.graphiqlDir, readGraphiQLFiles),
    read("The web console", "CONSOLE_DIR", dirs.consoleDir, readConsoleFiles),
    read("The REST docs page", "SWAGGER_UI_DIR", dirs.swaggerUiDir, readDocsFiles),
  ]);
  return { graphiql, console, docs };
}

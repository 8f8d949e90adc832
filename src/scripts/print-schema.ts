/**
 * `npm run schema:print` writes schema.graphql from the code; `npm run schema:check` (CI) fails
 * when the file differs from what the code prints. It is printed with the bundled languages and no
 * LANGUAGE_PLUGINS_DIR, so a third-party plugin never changes it (its enum values come at start).
 */
import { join } from "node:path";
import { languageCatalog } from "../languages/catalog.js";
import { BUNDLED_LANGUAGES } from "../languages/index.js";
import { PROJECT_ROOT } from "../paths.js";
import { createSchema, printSortedSchema } from "../schema/index.js";
import { writeOrCheck } from "./generated-file.js";

const schema = createSchema(languageCatalog(BUNDLED_LANGUAGES));
writeOrCheck(join(PROJECT_ROOT, "schema.graphql"), printSortedSchema(schema), "npm run schema:print");

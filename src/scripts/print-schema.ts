/**
 * `npm run schema:print` writes schema.graphql from the code; `npm run schema:check` (CI) fails
 * when the file differs from what the code prints. It is printed with the bundled languages and no
 * LANGUAGE_PLUGINS_DIR, so a third-party plugin never changes it (its enum values come at start).
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths.js";
import { writeOrCheck } from "./generated-file.js";

const { printSortedSchema } = await import("../schema/index.js");

writeOrCheck(join(PROJECT_ROOT, "schema.graphql"), printSortedSchema(), "npm run schema:print");

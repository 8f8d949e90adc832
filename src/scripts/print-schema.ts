/**
 * `npm run schema:print` writes schema.graphql from the code; `npm run schema:check` (CI) fails
 * when the file differs from what the code prints. It is printed with the contract's languages
 * only (no bundled extras, no LANGUAGE_PLUGINS_DIR), so it stays fixed when languages are added.
 */
import { join } from "node:path";
import { keepContractLanguagesOnly } from "../languages/index.js";
import { PROJECT_ROOT } from "../paths.js";
import { writeOrCheck } from "./generated-file.js";

keepContractLanguagesOnly();
// Imported only now: the schema is built from the registry when it loads.
const { printSortedSchema } = await import("../schema/index.js");

writeOrCheck(join(PROJECT_ROOT, "schema.graphql"), printSortedSchema(), "npm run schema:print");

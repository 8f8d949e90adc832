/**
 * `npm run schema:print` writes schema.graphql from the code; `npm run schema:check` (CI) fails
 * when the file differs from what the code prints.
 */
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths.js";
import { printSortedSchema } from "../schema/index.js";
import { writeOrCheck } from "./generated-file.js";

writeOrCheck(join(PROJECT_ROOT, "schema.graphql"), printSortedSchema(), "npm run schema:print");

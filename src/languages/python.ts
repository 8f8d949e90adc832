/** Python 3, from the image's virtual environment (so pip installs land where python3 looks). */
import { firstVersion, type LanguageDefinition, WARNINGS } from "./language.js";

export const python: LanguageDefinition = {
  id: "PYTHON",
  fileExtension: ".py",
  otherExtensions: [],
  sourceFileName: "main.py",
  // -u: unbuffered, so output streams while the program runs rather than at exit.
  runCommand: (sourceFile) => ["python3", "-u", sourceFile],
  versionProbe: { command: ["python3", "--version"], parse: firstVersion },
  packageManager: "PIP",
  analysisRules: [
    { pattern: /\b(subprocess|os\.(system|popen|exec\w*|spawn\w*|fork))\b/, warning: WARNINGS.processSpawn },
    { pattern: /\b(socket|urllib|requests|http\.client|httpx|aiohttp)\b/, warning: WARNINGS.network },
    {
      pattern: /\b(shutil\.rmtree|os\.(remove|unlink|rmdir))\s*\(\s*["']\/(?!workspace|tmp)/,
      warning: WARNINGS.deleteOutsideWorkspace,
    },
  ],
};

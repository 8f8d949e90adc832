/** Python 3, from the image's virtual environment (so pip installs land where python3 looks). */
import { firstVersion, type LanguageDefinition, WARNINGS } from "./language.js";
import { aptInstall } from "./recipe.js";

export const python: LanguageDefinition = {
  id: "PYTHON",
  fileExtension: ".py",
  otherExtensions: [],
  sourceFileName: "main.py",
  // -u: unbuffered, so output streams while the program runs rather than at exit.
  runCommand: (sourceFile) => ["python3", "-u", sourceFile],
  versionProbe: { command: ["python3", "--version"], parse: firstVersion },
  recipe: {
    stages: [],
    steps: [
      "# Python: a virtual environment owned by root, first on PATH, so pip installs need no\n# --break-system-packages and land where python3 looks.",
      aptInstall(["python3", "python3-pip", "python3-venv"]),
      "RUN python3 -m venv /opt/venv",
      "ENV PATH=/opt/venv/bin:$PATH \\\n    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \\\n    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt \\\n    PIP_DISABLE_PIP_VERSION_CHECK=1 \\\n    PIP_NO_WARN_SCRIPT_LOCATION=1",
    ],
    vendor: [],
  },
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

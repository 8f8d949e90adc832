/** Python 3, from the image's virtual environment (so pip installs land where python3 looks). */
import {
  builtInImageFolder,
  firstVersion,
  type LanguageDefinition,
  networkRules,
  WARNINGS,
  WRITABLE,
} from "../language.js";
import { type PackageManagerDefinition, parseInstalledLine } from "../package-manager.js";
import { aptInstall, NO_RECIPE } from "../recipe.js";

const PEP508_NAME = "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?";
const PEP440_VERSION = "[A-Za-z0-9.*+!_-]+";
const PIP_CLAUSE = `(?:===|==|!=|~=|<=|>=|<|>)${PEP440_VERSION}`;

/** pip, into the image's virtual environment. */
const pip: PackageManagerDefinition = {
  id: "PIP",
  description:
    "Python packages from PyPI (or the server's PIP_INDEX_URL), into the image's Python virtual environment.",
  registrySetting: "PIP_INDEX_URL",
  aliases: [],
  spec: {
    pattern: new RegExp(
      `^${PEP508_NAME}(?:\\[${PEP508_NAME}(?:,${PEP508_NAME})*\\])?(?:${PIP_CLAUSE}(?:,${PIP_CLAUSE})*)?$`,
    ),
    accepted: "a PyPI name with optional [extras] and version clauses, such as requests or requests==2.31.0",
  },
  installCapabilities: [],
  servesEveryImage: false,
  registryEnv: (url) => [
    `PIP_INDEX_URL=${url}`,
    // pip ignores a plain-HTTP index unless its host is trusted.
    ...(url.startsWith("http:") ? [`PIP_TRUSTED_HOST=${new URL(url).host}`] : []),
  ],
  parseInstalled: parseInstalledLine,
};

export const python: LanguageDefinition = {
  id: "PYTHON",
  name: "Python",
  description: "Python 3, run as main.py with `python3 -u` (unbuffered output); packages with PIP.",
  aliases: ["python3", "py"],
  fileExtension: ".py",
  otherExtensions: [],
  sourceFileName: "main.py",
  imageFolder: builtInImageFolder("python"),
  // -u: unbuffered, so output streams while the program runs rather than at exit.
  runCommand: (sourceFile) => ["python3", "-u", sourceFile],
  // Debian bookworm's Python: one version, from the shared recipe.
  versions: [{ line: "3.11", recipe: NO_RECIPE, probe: { command: ["python3", "--version"], parse: firstVersion } }],
  defaultVersion: "3.11",
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
  packageManager: pip,
  analysisRules: [
    { pattern: /\b(subprocess|os\.(system|popen|exec\w*|spawn\w*|fork))\b/, warning: WARNINGS.processSpawn },
    ...networkRules(/\b(socket|urllib|requests|http\.client|httpx|aiohttp)\b/),
    {
      pattern: /\b(shutil\.rmtree|os\.(remove|unlink|rmdir))\s*\(\s*["']\/(?!workspace|tmp)/,
      warning: WARNINGS.deleteOutsideWorkspace,
    },
    {
      // open('/etc/x', 'w'), Path('/opt/x').write_text(...), os.makedirs('/srv/x')
      pattern: new RegExp(
        `\\bopen\\s*\\(\\s*[rRbBfF]?["']\\/${WRITABLE}[^"']*["']\\s*,\\s*(mode\\s*=\\s*)?[rRbBfF]?["'][^"']*[wax+]` +
          `|\\bPath\\s*\\(\\s*[rRfF]?["']\\/${WRITABLE}[^"']*["']\\s*\\)\\s*\\.\\s*(write_\\w+|mkdir|touch)\\b` +
          `|\\bos\\.(makedirs|mkdir)\\s*\\(\\s*[rRfF]?["']\\/${WRITABLE}`,
      ),
      warning: WARNINGS.writeOutsideWorkspace,
    },
    { pattern: /["']\/(proc|sys)\//, warning: WARNINGS.readsProcOrSys },
  ],
};

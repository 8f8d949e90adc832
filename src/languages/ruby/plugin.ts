/**
 * Ruby: Debian bookworm's ruby (3.1), run as main.rb; gems with GEM, installed into Ruby's default
 * gem folder, which `require` searches for every user (the sandbox's included).
 */
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

/** A gem name never starts with "-", which gem would read as an option. */
const GEM_NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";
const GEM_VERSION = "\\d+(?:\\.[0-9A-Za-z]+)*";

/** RubyGems, into Gem.default_dir (see image/install-gem). */
const gem: PackageManagerDefinition = {
  id: "GEM",
  description: "Ruby gems from rubygems.org (or the server's GEM_SOURCE), found by require.",
  aliases: ["rubygems"],
  spec: {
    pattern: new RegExp(`^${GEM_NAME}(?:(?:@|==)${GEM_VERSION})?$`),
    accepted: "a gem name with an optional version, such as rake, rake@13.0.6 or rake==13.0.6",
  },
  installCapabilities: [],
  servesEveryImage: false,
  registrySetting: "GEM_SOURCE",
  registryEnv: (url) => [`SANDBOX_GEM_SOURCE=${url}`],
  parseInstalled: parseInstalledLine,
};

export const ruby: LanguageDefinition = {
  id: "RUBY",
  name: "Ruby",
  description: "Ruby 3, run as main.rb; packages with GEM.",
  aliases: ["rb"],
  fileExtension: ".rb",
  otherExtensions: [],
  sourceFileName: "main.rb",
  imageFolder: builtInImageFolder("ruby"),
  runCommand: (sourceFile) => ["ruby", sourceFile],
  // Debian bookworm's Ruby, one version, from the shared recipe.
  versions: [
    {
      line: "3.1",
      recipe: NO_RECIPE,
      probe: {
        command: ["ruby", "--version"],
        // "ruby 3.1.2p20 (2022-04-12 revision 4491bb740a) [x86_64-linux-gnu]": the version without its patch level.
        parse: (output) => /\bruby (\d+\.\d+\.\d+)/.exec(output)?.[1] ?? firstVersion(output),
      },
    },
  ],
  defaultVersion: "3.1",
  recipe: {
    stages: [],
    steps: [
      "# Ruby: Debian's package; gems install into its default gem folder (see install-gem).",
      aptInstall(["ruby"]),
    ],
    vendor: [],
  },
  packageManager: gem,
  analysisRules: [
    {
      pattern:
        /(?<![.\w])(system|exec|spawn|fork)\b\s*[("'`%]|`[^`\n]*`|%x[{([<|!]|\bIO\.popen\b|\bOpen3\b|\bProcess\.spawn\b/,
      warning: WARNINGS.processSpawn,
    },
    ...networkRules(/\b(Net::HTTP|TCPSocket|UDPSocket|Socket|URI\.open)\b|["'](open-uri|socket|net\/http)["']/),
    {
      pattern:
        /\b(FileUtils\.(rm\w*|remove\w*|rmdir|rmtree)|File\.(delete|unlink)|Dir\.(delete|rmdir|unlink))\s*\(?\s*["']\/(?!workspace|tmp)/,
      warning: WARNINGS.deleteOutsideWorkspace,
    },
    {
      // File.write('/etc/x', ...), File.open('/opt/x', 'w'), FileUtils.mkdir_p('/srv/x'), Dir.mkdir('/x')
      pattern: new RegExp(
        `\\bFile\\.(write|binwrite)\\s*\\(?\\s*["']\\/${WRITABLE}` +
          `|\\bFile\\.(open|new)\\s*\\(?\\s*["']\\/${WRITABLE}[^"']*["']\\s*,\\s*["'][^"']*[wa+]` +
          `|\\b(FileUtils\\.(mkdir_p|mkdir|makedirs|touch|cp|cp_r|mv|ln_s)|Dir\\.mkdir)\\s*\\(?\\s*["']\\/${WRITABLE}`,
      ),
      warning: WARNINGS.writeOutsideWorkspace,
    },
    { pattern: /["']\/(proc|sys)\//, warning: WARNINGS.readsProcOrSys },
  ],
};

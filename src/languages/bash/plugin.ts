/** Bash scripts; packages for them come from Debian through apt. */
import {
  builtInImageFolder,
  firstVersion,
  type LanguageDefinition,
  networkRules,
  WARNINGS,
  WRITABLE,
} from "../language.js";
import { type PackageManagerDefinition, parseInstalledLine } from "../package-manager.js";
import { NO_RECIPE } from "../recipe.js";

/**
 * apt, for Debian's packages. Every image is Debian with bash, so apt serves every image, whatever
 * its languages; it belongs to Bash because that is the language that calls such programs.
 */
const apt: PackageManagerDefinition = {
  id: "APT",
  description: "Debian packages (programs and libraries) from the image's apt sources; serves every image.",
  aliases: ["system"],
  spec: {
    // A name ending in "-" would ask apt to remove that package: names end in a letter, digit or +.
    pattern: /^[a-z0-9][a-z0-9+.-]*[a-z0-9+](?:=[A-Za-z0-9.+~:-]+)?$/,
    accepted: "a Debian package name with an optional =version, such as curl or jq=1.6-2.1",
  },
  // apt downloads as its own user _apt (SETUID, SETGID), after giving it the lists and archive
  // folders (CHOWN, FOWNER), and root reads and removes what _apt wrote there (DAC_OVERRIDE);
  // without them it refuses (exit 100). Maintainer scripts that need more fail with their message.
  installCapabilities: ["SETUID", "SETGID", "CHOWN", "DAC_OVERRIDE", "FOWNER"],
  servesEveryImage: true,
  // Debian's mirrors come from the image's own sources; no registry setting.
  registryEnv: () => [],
  parseInstalled: parseInstalledLine,
};

export const bash: LanguageDefinition = {
  id: "BASH",
  name: "Bash",
  description: "Bash, run as main.sh; system packages with APT.",
  aliases: ["sh"],
  fileExtension: ".sh",
  otherExtensions: [],
  sourceFileName: "main.sh",
  imageFolder: builtInImageFolder("bash"),
  runCommand: (sourceFile) => ["bash", sourceFile],
  // Debian bookworm's bash, which every image has.
  versions: [{ line: "5.2", recipe: NO_RECIPE, probe: { command: ["bash", "--version"], parse: firstVersion } }],
  defaultVersion: "5.2",
  recipe: NO_RECIPE,
  packageManager: apt,
  analysisRules: [
    ...networkRules(/\b(curl|wget|nc|ncat|ssh|telnet)\b|\/dev\/(tcp|udp)\//),
    { pattern: /\brm\s+(-\w+\s+)*\/(?!workspace|tmp)/, warning: WARNINGS.deleteOutsideWorkspace },
    {
      // > /etc/x, >> /x, tee /x, mkdir -p /x, touch /x, and cp or mv whose last argument is /x;
      // /dev (null, the standard streams, /dev/tcp) is no file.
      pattern: new RegExp(
        `(>>?|\\btee(\\s+-a)?|\\bmkdir(\\s+-p)?|\\btouch)\\s*["']?\\/${WRITABLE}(?!dev\\/)` +
          `|\\b(cp|mv)(\\s+[^\\s;&|]+)+\\s+["']?\\/${WRITABLE}[^\\s;&|]*\\s*($|[;&|])`,
        "m",
      ),
      warning: WARNINGS.writeOutsideWorkspace,
    },
    { pattern: /(^|[\s<"'=(])\/(proc|sys)\//m, warning: WARNINGS.readsProcOrSys },
  ],
};

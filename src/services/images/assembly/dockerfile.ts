/**
 * Composes a Dockerfile from the language recipes: the default image (every language, printed to
 * the repository's Dockerfile) and custom images (a subset) come from the same text, in the same
 * order, so a custom image shares the default image's cached layers up to where they differ.
 */
import type { RuntimeLine } from "../../../domain/runtime.js";
import { LANGUAGES, type LanguageDefinition, type RuntimeVersionDefinition } from "../../../languages/index.js";
import type { VendorFile } from "../../../languages/recipe.js";
import { aptInstall } from "../../../languages/recipe.js";
import { defaultLine } from "../../sandbox/runtime-lines.js";

const HEADER = `# The sandbox image. GENERATED from the language recipes in src/languages by
# \`npm run dockerfile:print\`: edit the recipes, not this file.
#
# The server builds it through dockerode (\`npm run image:build\`, or \`npm start\` when it is missing),
# from a context assembled by src/services/images/assembly/image-context.ts:
#   vendor/node-N.tgz, vendor/npm.tgz  the official Node.js binaries and npm, from the npm registry
#   vendor/dotnet/                   a .NET SDK folder (the machine's own, so nothing is downloaded)
#   vendor/dotnet-N/                 another .NET runtime and reference pack, unpacked from NuGet
#   certs/                           extra CA certificates the image must trust (may be empty)
#   image/                           the in-image runner scripts (this repository's image/ folder)
#   languages/ID/                    each language plugin's in-image files (its image/ folder)
# BASE_IMAGE is an official Debian image online, or a local one made by mmdebstrap offline.`;

const COMMON_START = [
  "FROM $BASE_IMAGE",
  "ENV DEBIAN_FRONTEND=noninteractive \\\n    LANG=C.UTF-8 \\\n    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt",
  "# Extra CA certificates first, so that every HTTPS client below (apt, pip, npm, dotnet) trusts them.",
  "COPY certs/ /usr/local/share/ca-certificates/extra/",
  `${aptInstall(["ca-certificates", "bash", "tar", "coreutils", "procps"])} \\\n && update-ca-certificates`,
];

const COMMON_END = [
  "# The non-root user every execution runs as, and its working directory.",
  "RUN groupadd --gid 10001 sandbox \\\n && useradd --uid 10001 --gid 10001 --home-dir /home/sandbox --create-home --shell /bin/bash sandbox \\\n && mkdir -p /workspace && chown sandbox:sandbox /workspace",
  "# The runners that executions and package installs start, and the language plugins' own files:\n# their bin/ goes on PATH and their setup runs once (late, so changing them rebuilds little).",
  "COPY image/ /opt/sandbox/",
  "COPY languages/ /opt/sandbox/languages/",
  [
    "RUN chmod -R a+rX /opt/sandbox && chmod 0755 /opt/sandbox/bin/* && ln -s /opt/sandbox/bin/* /usr/local/bin/ \\",
    " && for folder in /opt/sandbox/languages/*; do \\",
    '      if [ -d "$folder/bin" ]; then chmod 0755 "$folder"/bin/* && ln -s "$folder"/bin/* /usr/local/bin/; fi; \\',
    '      if [ -f "$folder/setup" ]; then bash "$folder/setup"; fi; \\',
    "    done",
  ].join("\n"),
  "USER sandbox",
  "WORKDIR /workspace",
  "ENV HOME=/home/sandbox",
  'CMD ["bash"]',
];

/** The chosen languages in the registry's order (the order that keeps layers shared). */
export function inRecipeOrder(languages: readonly LanguageDefinition[]): LanguageDefinition[] {
  return LANGUAGES.filter((language) => languages.some((chosen) => chosen.id === language.id));
}

/** A language of an image with the recipes of the version lines it gets, in the language's order. */
interface ChosenLanguage {
  language: LanguageDefinition;
  versions: RuntimeVersionDefinition[];
  defaultLine: string;
}

function chosen(lines: readonly RuntimeLine[]): ChosenLanguage[] {
  return LANGUAGES.flatMap((language) => {
    const mine = lines.filter((line) => line.language === language.id).map(({ line }) => line);
    if (mine.length === 0) return [];
    const versions = language.versions.filter(({ line }) => mine.includes(line));
    return [{ language, versions, defaultLine: defaultLine(mine, language) }];
  });
}

/**
 * The Dockerfile of an image with these version lines. Each language's shared steps come first,
 * then each version's own (a layer apiece, so an image without a version skips it), then what
 * makes the default version the one plain commands mean.
 */
export function composeDockerfile(lines: readonly RuntimeLine[]): string {
  const languages = chosen(lines);
  const parts = [
    HEADER,
    "ARG BASE_IMAGE=debian:bookworm-slim",
    ...languages.flatMap(({ language, versions }) => [
      ...language.recipe.stages,
      ...versions.flatMap((version) => version.recipe.stages),
    ]),
    ...COMMON_START,
    ...languages.flatMap(({ language, versions, defaultLine }) => [
      ...language.recipe.steps,
      ...versions.flatMap((version) => version.recipe.steps),
      ...(language.defaultSteps?.(defaultLine) ?? []),
    ]),
    ...COMMON_END,
  ];
  // A comment stands right above the instruction it explains; blocks are apart by a blank line.
  const text = parts.reduce((done, part, index) => {
    if (index === 0) return part;
    const previous = parts[index - 1] as string;
    const isComment = previous.split("\n").every((line) => line.startsWith("#"));
    return `${done}${isComment && index > 1 ? "\n" : "\n\n"}${part}`;
  }, "");
  return `${text}\n`;
}

/** What the build context carries under vendor/ for these lines, by name. */
export function vendorFilesFor(lines: readonly RuntimeLine[]): VendorFile[] {
  const files = chosen(lines).flatMap(({ language, versions }) => [
    ...language.recipe.vendor,
    ...versions.flatMap((version) => version.recipe.vendor),
  ]);
  return [...new Map(files.map((file) => [file.name, file])).values()];
}

/**
 * The in-image folders of the chosen languages' plugins, by folder name (the id in lower case),
 * plus those of managers that install into every image (apt's installer belongs to Bash).
 */
export function pluginFoldersFor(languages: readonly LanguageDefinition[]): Map<string, string> {
  const wanted = LANGUAGES.filter(
    (language) =>
      languages.some((chosen) => chosen.id === language.id) || language.packageManager?.servesEveryImage === true,
  );
  return new Map(
    wanted.flatMap((language) => (language.imageFolder ? [[language.id.toLowerCase(), language.imageFolder]] : [])),
  );
}

/**
 * C#: one file of top-level statements, compiled with the SDK's own Roslyn and run on the shared
 * runtime by the image's sandbox-csharp (faster than `dotnet run app.cs`, and needs no network).
 */
import {
  builtInImageFolder,
  type LanguageDefinition,
  networkRules,
  type RuntimeVersionDefinition,
  WARNINGS,
  WRITABLE,
} from "../language.js";
import { type PackageManagerDefinition, parseInstalledLine } from "../package-manager.js";
import { aptInstall, NO_RECIPE, type VendorSource } from "../recipe.js";

const NUGET_ID = "[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*";
const NUGET_VERSION = "\\d+(?:\\.\\d+){1,3}(?:-[A-Za-z0-9.-]+)?";

/** NuGet: packages are published to a lib folder that sandbox-csharp references and loads offline. */
const nuget: PackageManagerDefinition = {
  id: "NUGET",
  description: "NuGet packages (from NuGet's default source or the server's NUGET_SOURCE) that C# programs can use.",
  registrySetting: "NUGET_SOURCE",
  aliases: ["dotnet"],
  spec: {
    pattern: new RegExp(`^${NUGET_ID}(?:(?:@|==)${NUGET_VERSION})?$`),
    accepted: "a NuGet id with an optional version, such as Newtonsoft.Json@13.0.3 or Newtonsoft.Json==13.0.3",
  },
  installCapabilities: [],
  servesEveryImage: false,
  registryEnv: (url) => [`SANDBOX_NUGET_SOURCE=${url}`],
  parseInstalled: parseInstalledLine,
};

/** The runtimes of the image, one folder per version: what a version probe reads. */
const RUNTIMES_FOLDER = "/usr/share/dotnet/shared/Microsoft.NETCore.App";

/** A .NET version: its runtime folder's name, and where its files come from (null: the SDK's own). */
function dotnetVersion(line: string, vendor: VendorSource | null): RuntimeVersionDefinition {
  return {
    line,
    recipe: vendor
      ? {
          stages: [],
          steps: [
            `# .NET ${line}: its runtime and reference pack, beside the SDK's own.`,
            `COPY vendor/dotnet-${line}/ /usr/share/dotnet/`,
          ],
          vendor: [{ name: `dotnet-${line}`, source: vendor }],
        }
      : NO_RECIPE,
    probe: {
      command: ["ls", RUNTIMES_FOLDER],
      parse: (output) => {
        const found = output.split(/\s+/).filter((name) => name.startsWith(`${line}.`));
        const newest = found.sort((a, b) => a.localeCompare(b, "en", { numeric: true })).at(-1);
        if (!newest) throw new Error(`no .NET ${line} runtime in ${RUNTIMES_FOLDER}: ${output.trim()}`);
        return newest;
      },
    },
  };
}

export const csharp: LanguageDefinition = {
  id: "CSHARP",
  name: "C#",
  description: "C#: one file of top-level statements (Program.cs), compiled and run with .NET; packages with NUGET.",
  aliases: ["cs", "c#", "dotnet"],
  fileExtension: ".cs",
  otherExtensions: [],
  sourceFileName: "Program.cs",
  imageFolder: builtInImageFolder("csharp"),
  runCommand: (sourceFile, version) => ["sandbox-csharp", version, sourceFile],
  // .NET 10 is the SDK's own runtime (the SDK's Roslyn needs it, so every C# image has it); .NET 8's
  // runtime and reference pack come from NuGet.
  versions: [
    dotnetVersion("8", {
      kind: "nuget-packages",
      packages: [
        {
          id: "Microsoft.NETCore.App.Runtime.linux-x64",
          version: "8.0.34",
          folders: [
            { from: "runtimes/linux-x64/lib/net8.0", to: "shared/Microsoft.NETCore.App/8.0.34" },
            { from: "runtimes/linux-x64/native", to: "shared/Microsoft.NETCore.App/8.0.34" },
          ],
        },
        {
          id: "Microsoft.NETCore.App.Ref",
          version: "8.0.34",
          folders: [{ from: "ref/net8.0", to: "packs/Microsoft.NETCore.App.Ref/8.0.34/ref/net8.0" }],
        },
      ],
    }),
    dotnetVersion("10", null),
  ],
  defaultVersion: "10",
  recipe: {
    stages: [],
    steps: [
      "# .NET: the SDK folder as it is (no download); C# files are compiled with its own Roslyn\n# (see image/bin/sandbox-csharp).",
      aptInstall(["libicu72", "libssl3", "zlib1g", "libgcc-s1", "libstdc++6"]),
      "COPY vendor/dotnet /usr/share/dotnet",
      "ENV PATH=/usr/share/dotnet:$PATH \\\n    DOTNET_ROOT=/usr/share/dotnet \\\n    DOTNET_CLI_TELEMETRY_OPTOUT=1 \\\n    DOTNET_NOLOGO=1 \\\n    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \\\n    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \\\n    DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 \\\n    NUGET_CERT_REVOCATION_MODE=offline",
    ],
    vendor: [{ name: "dotnet", source: { kind: "dotnet-sdk" } }],
  },
  packageManager: nuget,
  residentCompiler: {
    command: (version) => [
      "dotnet",
      "/opt/sandbox/languages/csharp/compile-server/compile-server.dll",
      `/opt/sandbox/languages/csharp/${version}`,
    ],
    // sandbox-csharp's build folder: --compiled runs app.dll from it, --compile-failed prints compiler.log.
    prepare: (sourceFile, version, result) =>
      result.ok && result.assembly
        ? {
            tmpFiles: [{ name: ".csharp-build/app.dll", content: result.assembly }],
            argv: ["sandbox-csharp", version, "--compiled", sourceFile],
          }
        : {
            tmpFiles: [{ name: ".csharp-build/compiler.log", content: Buffer.from(result.log) }],
            argv: ["sandbox-csharp", version, "--compile-failed", sourceFile],
          },
  },
  analysisRules: [
    { pattern: /\bProcess\.Start\b|\bProcessStartInfo\b/, warning: WARNINGS.processSpawn },
    ...networkRules(/\b(HttpClient|WebClient|TcpClient|UdpClient|Socket|WebRequest)\b/),
    { pattern: /\b(File|Directory)\.Delete\s*\(\s*@?"\/(?!workspace|tmp)/, warning: WARNINGS.deleteOutsideWorkspace },
    {
      pattern: new RegExp(
        `(\\bFile\\.(WriteAll\\w*|AppendAll\\w*|Create\\w*|OpenWrite)|\\bDirectory\\.CreateDirectory|\\bnew\\s+(StreamWriter|FileStream))\\s*\\(\\s*@?"\\/${WRITABLE}`,
      ),
      warning: WARNINGS.writeOutsideWorkspace,
    },
    { pattern: /@?"\/(proc|sys)\//, warning: WARNINGS.readsProcOrSys },
  ],
};

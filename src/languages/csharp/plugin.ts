/**
 * C#: one file of top-level statements, compiled with the SDK's own Roslyn and run on the shared
 * runtime by the image's sandbox-csharp (faster than `dotnet run app.cs`, and needs no network).
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
import { aptInstall } from "../recipe.js";

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
  servesEveryImage: false,
  registryEnv: (url) => [`SANDBOX_NUGET_SOURCE=${url}`],
  parseInstalled: parseInstalledLine,
};

export const csharp: LanguageDefinition = {
  id: "CSHARP",
  description: "C#: one file of top-level statements (Program.cs), compiled and run with .NET; packages with NUGET.",
  aliases: ["cs", "c#", "dotnet"],
  fileExtension: ".cs",
  otherExtensions: [],
  sourceFileName: "Program.cs",
  imageFolder: builtInImageFolder("csharp"),
  runCommand: (sourceFile) => ["sandbox-csharp", sourceFile],
  versionProbe: { command: ["dotnet", "--version"], parse: firstVersion },
  recipe: {
    stages: [],
    steps: [
      "# .NET: the SDK folder as it is (no download); C# files are compiled with its own Roslyn\n# (see image/bin/sandbox-csharp).",
      aptInstall(["libicu72", "libssl3", "zlib1g", "libgcc-s1", "libstdc++6"]),
      "COPY vendor/dotnet /usr/share/dotnet",
      "ENV PATH=/usr/share/dotnet:$PATH \\\n    DOTNET_ROOT=/usr/share/dotnet \\\n    DOTNET_CLI_TELEMETRY_OPTOUT=1 \\\n    DOTNET_NOLOGO=1 \\\n    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \\\n    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \\\n    DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 \\\n    NUGET_CERT_REVOCATION_MODE=offline",
    ],
    vendor: ["dotnet"],
  },
  packageManager: nuget,
  residentCompiler: {
    command: ["dotnet", "/opt/sandbox/languages/csharp/compile-server/compile-server.dll"],
    // sandbox-csharp's build folder: --compiled runs app.dll from it, --compile-failed prints compiler.log.
    prepare: (sourceFile, result) =>
      result.ok && result.assembly
        ? {
            tmpFiles: [{ name: ".csharp-build/app.dll", content: result.assembly }],
            argv: ["sandbox-csharp", "--compiled", sourceFile],
          }
        : {
            tmpFiles: [{ name: ".csharp-build/compiler.log", content: Buffer.from(result.log) }],
            argv: ["sandbox-csharp", "--compile-failed", sourceFile],
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

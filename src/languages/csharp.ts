/**
 * C#: one file of top-level statements, compiled with the SDK's own Roslyn and run on the shared
 * runtime by the image's sandbox-csharp (faster than `dotnet run app.cs`, and needs no network).
 */
import { firstVersion, type LanguageDefinition, WARNINGS } from "./language.js";

export const csharp: LanguageDefinition = {
  id: "CSHARP",
  fileExtension: ".cs",
  otherExtensions: [],
  sourceFileName: "Program.cs",
  runCommand: (sourceFile) => ["sandbox-csharp", sourceFile],
  versionProbe: { command: ["dotnet", "--version"], parse: firstVersion },
  packageManager: "NUGET",
  analysisRules: [
    { pattern: /\bProcess\.Start\b|\bProcessStartInfo\b/, warning: WARNINGS.processSpawn },
    { pattern: /\b(HttpClient|WebClient|TcpClient|UdpClient|Socket|WebRequest)\b/, warning: WARNINGS.network },
    { pattern: /\b(File|Directory)\.Delete\s*\(\s*@?"\/(?!workspace|tmp)/, warning: WARNINGS.deleteOutsideWorkspace },
  ],
};

/**
 * C#: one file of top-level statements, compiled with the SDK's own Roslyn and run on the shared
 * runtime by the image's sandbox-csharp (faster than `dotnet run app.cs`, and needs no network).
 */
import { firstVersion, type LanguageDefinition } from "./language.js";

export const csharp: LanguageDefinition = {
  id: "CSHARP",
  fileExtension: ".cs",
  otherExtensions: [],
  sourceFileName: "Program.cs",
  runCommand: (sourceFile) => ["sandbox-csharp", sourceFile],
  versionProbe: { command: ["dotnet", "--version"], parse: firstVersion },
  packageManager: "NUGET",
};

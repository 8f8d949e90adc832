/** A language runtime inside an image, with the version read from the image itself. */
import type { RuntimeInfo } from "../domain/runtime.js";
import type { Builder } from "./builder.js";
import type { EnumRefs } from "./enums.js";

export function runtimeTypes(builder: Builder, { LanguageEnum, PackageManagerEnum }: EnumRefs) {
  const RuntimeRef = builder.objectRef<RuntimeInfo>("Runtime").implement({
    description:
      "One version of a language's runtime inside an image (one per language and version line), with the version read from the image itself.",
    fields: (t) => ({
      language: t.expose("language", { type: LanguageEnum, description: "The language." }),
      version: t.exposeString("version", {
        description:
          "The runtime's version, as the image reports it (for example 3.11.2). Runs name it, or its line (such as 22), in `version`.",
      }),
      isDefault: t.exposeBoolean("isDefault", {
        description: "Whether a run of this language that names no version gets this one.",
      }),
      fileExtension: t.exposeString("fileExtension", {
        description:
          "The extension of its source files, with the dot (such as .py); uploads with it get this language.",
      }),
      packageManager: t.expose("packageManager", {
        type: PackageManagerEnum,
        nullable: true,
        description: "The package manager that installs its packages; null when it has none.",
      }),
    }),
  });

  return { RuntimeRef };
}

export type RuntimeRefs = ReturnType<typeof runtimeTypes>;

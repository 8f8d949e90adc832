/** A language runtime inside an image, with the version read from the image itself. */
import type { RuntimeInfo } from "../domain/runtime.js";
import { builder } from "./builder.js";
import { LanguageEnum, PackageManagerEnum } from "./enums.js";

export const RuntimeRef = builder.objectRef<RuntimeInfo>("Runtime").implement({
  description: "A language's runtime inside an image, with the version read from the image itself.",
  fields: (t) => ({
    language: t.expose("language", { type: LanguageEnum, description: "The language." }),
    version: t.exposeString("version", {
      description: "The runtime's version, as the image reports it (for example 3.11.2).",
    }),
    fileExtension: t.exposeString("fileExtension", {
      description: "The extension of its source files, with the dot (such as .py); uploads with it get this language.",
    }),
    packageManager: t.expose("packageManager", {
      type: PackageManagerEnum,
      nullable: true,
      description: "The package manager that installs its packages; null when it has none.",
    }),
  }),
});

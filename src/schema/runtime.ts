/** A language runtime inside an image, with the version read from the image itself. */
import type { RuntimeInfo } from "../domain/runtime.js";
import { builder } from "./builder.js";
import { LanguageEnum, PackageManagerEnum } from "./enums.js";

export const RuntimeRef = builder.objectRef<RuntimeInfo>("Runtime").implement({
  fields: (t) => ({
    language: t.expose("language", { type: LanguageEnum }),
    version: t.exposeString("version"),
    fileExtension: t.exposeString("fileExtension"),
    packageManager: t.expose("packageManager", { type: PackageManagerEnum, nullable: true }),
  }),
});

/** A language of the catalog the schema is built from, as Query.languages lists it (no Docker needed). */
import type { CatalogLanguage } from "../domain/languages.js";
import type { Builder } from "./builder.js";
import type { EnumRefs } from "./enums.js";

export function languageInfoTypes(builder: Builder, { LanguageEnum, PackageManagerEnum }: EnumRefs) {
  const LanguageInfoRef = builder.objectRef<CatalogLanguage>("LanguageInfo").implement({
    description:
      "A language this server runs, a plugin's included: its Language value, what people call it, and its package manager.",
    fields: (t) => ({
      language: t.field({ type: LanguageEnum, description: "Its Language value.", resolve: (entry) => entry.id }),
      name: t.exposeString("name", { description: "What people call it, such as Node.js or C#." }),
      packageManager: t.expose("packageManager", {
        type: PackageManagerEnum,
        nullable: true,
        description: "The package manager that installs its packages; null when it has none.",
      }),
    }),
  });

  return { LanguageInfoRef };
}

export type LanguageInfoRefs = ReturnType<typeof languageInfoTypes>;

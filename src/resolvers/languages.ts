/** Query.languages: the catalog the schema was built from, so that clients list what the enums hold. */
import type { LanguageCatalog } from "../domain/languages.js";
import type { Builder } from "../schema/builder.js";
import type { LanguageInfoRefs } from "../schema/language-info.js";

export function languageFields(
  builder: Builder,
  { LanguageInfoRef }: LanguageInfoRefs,
  catalog: LanguageCatalog,
): void {
  builder.queryField("languages", (t) =>
    t.field({
      type: [LanguageInfoRef],
      description:
        "Every language the server runs, in the order of the images' recipes, with its name and package manager. Unlike runtimes, it needs no Docker.",
      resolve: () => catalog.languages,
    }),
  );
}

/**
 * The inputs of the image operations (createImage, installPackages), described once as zod
 * schemas for the languages of a catalog; the GraphQL inputs and the MCP tools derive from them
 * (see run-inputs.ts).
 */
import { z } from "zod";
import { servesEveryImage } from "./language-phrases.js";
import type { LanguageCatalog } from "./languages.js";
import { ID_META } from "./run-inputs.js";

/** "node@22, node@24, csharp@8": the lines of the languages that have several (else of every language). */
function versionExamples({ languages }: LanguageCatalog): string {
  const several = languages.filter((language) => language.versionLines.length > 1);
  return (several.length ? several : languages)
    .flatMap((language) => language.versionLines.map((line) => `${language.id.toLowerCase()}@${line}`))
    .join(", ");
}

export function imageInputSchemas(catalog: LanguageCatalog) {
  const languageIds = catalog.languages.map((language) => language.id);
  const managerIds = catalog.managers.map((manager) => manager.id);
  const everyImage = servesEveryImage(catalog);
  return {
    createImage: z
      .object({
        name: z
          .string()
          .describe(
            "The image's name: lower-case letters and digits separated by . _ - or / (Docker's rules), at most 100 characters, not taken yet.",
          ),
        languages: z
          .array(z.enum(languageIds))
          .describe(
            `The languages to put in it, at least one of ${languageIds.join(", ")}; built from the same recipes as the default image.`,
          ),
        versions: z
          .array(z.string())
          .nullish()
          .describe(
            `The runtime versions to put in it, as language@version (${versionExamples(catalog)}); a language may have several. Left out, each language gets its default version.`,
          ),
      })
      .describe("A new image with the given languages."),
    installPackages: z
      .object({
        imageId: z.string().meta(ID_META).describe('The image to install into ("default" for the default image).'),
        manager: z
          .enum(managerIds)
          .describe(
            `The package manager: ${managerIds.join(", ")}. Each needs its language in the image${everyImage ? `, except that ${everyImage}` : ""}.`,
          ),
        packages: z
          .array(z.string())
          .describe(
            "Package specs in the manager's own syntax: requests, requests==2.31.0, lodash@4.17.21, Newtonsoft.Json@13.0.3, curl.",
          ),
        wait: z
          .boolean()
          .nullish()
          .default(true)
          .describe(
            "True: answer once the install has ended. False: answer at once (QUEUED) and follow it with packageInstallationLogs.",
          ),
      })
      .describe("Packages to install into an image, as a new layer."),
  };
}

export type ImageInputSchemas = ReturnType<typeof imageInputSchemas>;
export type CreateImageRequest = z.input<ImageInputSchemas["createImage"]>;
export type InstallPackagesRequest = z.input<ImageInputSchemas["installPackages"]>;

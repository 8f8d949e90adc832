/**
 * The inputs of the image operations (createImage, installPackages), described once as zod
 * schemas; the GraphQL inputs and the MCP tools derive from them (see run-inputs.ts).
 */
import { z } from "zod";
import { languageIds, packageManagerIds } from "../languages/index.js";
import { ID_META } from "./run-inputs.js";

/** Built when this module loads, after the language plugins are registered (as the schema is). */
const LANGUAGE_VALUES = languageIds();
const MANAGER_VALUES = packageManagerIds();

export const createImageInputSchema = z
  .object({
    name: z
      .string()
      .describe(
        "The image's name: lower-case letters and digits separated by . _ - or / (Docker's rules), at most 100 characters, not taken yet.",
      ),
    languages: z
      .array(z.enum(LANGUAGE_VALUES))
      .describe(
        `The languages to put in it, at least one of ${LANGUAGE_VALUES.join(", ")}; built from the same recipes as the default image.`,
      ),
    versions: z
      .array(z.string())
      .nullish()
      .describe(
        "The runtime versions to put in it, as language@version (node@22, node@24, csharp@8, csharp@10); a language may have several. Left out, each language gets its default version.",
      ),
  })
  .describe("A new image with the given languages.");

export const installPackagesInputSchema = z
  .object({
    imageId: z.string().meta(ID_META).describe('The image to install into ("default" for the default image).'),
    manager: z
      .enum(MANAGER_VALUES)
      .describe(
        `The package manager: ${MANAGER_VALUES.join(", ")}. Each needs its language in the image, except APT, which serves every image.`,
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
  .describe("Packages to install into an image, as a new layer.");

export type CreateImageRequest = z.input<typeof createImageInputSchema>;
export type InstallPackagesRequest = z.input<typeof installPackagesInputSchema>;

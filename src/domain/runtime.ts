/** A language runtime inside an image, with the version read from the image itself. */
import type { LanguageId, PackageManagerId } from "./languages.js";

export interface RuntimeInfo {
  language: LanguageId;
  version: string;
  fileExtension: string;
  packageManager: PackageManagerId | null;
}

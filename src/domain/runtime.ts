/** Language runtimes inside an image: which version lines it has, and what each reports. */
import type { LanguageId, PackageManagerId } from "./languages.js";

/** One version line of a language in an image, such as NODE 22 or CSHARP 8. */
export interface RuntimeLine {
  language: LanguageId;
  line: string;
}

export interface RuntimeInfo {
  language: LanguageId;
  /** The version line it belongs to ("22"), and the version the image reports ("22.23.3"). */
  line: string;
  version: string;
  /** Whether a run that names no version gets this one. */
  isDefault: boolean;
  fileExtension: string;
  packageManager: PackageManagerId | null;
}

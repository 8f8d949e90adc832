/** Language runtimes inside an image: which version lines it has, and what each reports. */
import { z } from "zod";

/** One version line of a language in an image, such as NODE 22 or CSHARP 8. */
export const runtimeLineSchema = z.object({
  /** A LanguageId. */
  language: z.string(),
  line: z.string(),
});
export type RuntimeLine = z.infer<typeof runtimeLineSchema>;

export const runtimeInfoSchema = z.object({
  /** A LanguageId. */
  language: z.string(),
  /** The version line it belongs to ("22"), and the version the image reports ("22.23.3"). */
  line: z.string(),
  version: z.string(),
  /** Whether a run that names no version gets this one. */
  isDefault: z.boolean(),
  fileExtension: z.string(),
  /** A PackageManagerId, or null when the language has none. */
  packageManager: z.string().nullable(),
});
export type RuntimeInfo = z.infer<typeof runtimeInfoSchema>;

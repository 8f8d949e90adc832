/** The stored-file model; a file's record is a zod schema, its type inferred (see execution.ts). */
import { z } from "zod";
import type { LanguageId } from "./languages.js";

export const storedFileSchema = z.object({
  id: z.string(),
  /** The principal that uploaded it. */
  ownerId: z.string().nullable(),
  /** A plain base name (see file-names.ts). */
  name: z.string(),
  /** A LanguageId, or null when neither the upload nor the name's extension says. */
  language: z.string().nullable(),
  sizeBytes: z.number().int(),
  /** Hex; also the name of the content's blob. */
  sha256: z.string(),
  createdAt: z.date(),
});
export type StoredFile = z.infer<typeof storedFileSchema>;

export interface FileStats {
  count: number;
  totalBytes: number;
  byLanguage: { language: LanguageId; count: number }[];
}

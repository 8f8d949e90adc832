/** The stored-file model. */
import type { LanguageId } from "./languages.js";

export interface StoredFile {
  id: string;
  /** The principal that uploaded it. */
  ownerId: string | null;
  /** A plain base name (see file-names.ts). */
  name: string;
  language: LanguageId | null;
  sizeBytes: number;
  /** Hex; also the name of the content's blob. */
  sha256: string;
  createdAt: Date;
}

export interface FileStats {
  count: number;
  totalBytes: number;
  byLanguage: { language: LanguageId; count: number }[];
}

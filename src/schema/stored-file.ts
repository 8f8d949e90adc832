/** Stored files and their statistics. */
import type { FileStats, StoredFile } from "../domain/stored-file.js";
import type { Builder } from "./builder.js";
import type { ConnectionOf } from "./connection.js";
import type { EnumRefs } from "./enums.js";

/** The upload limit, as descriptions name it: a setting of the server. */
const MAX_FILE = "the server's FILES_MAX_BYTES";

export function storedFileTypes(builder: Builder, { LanguageEnum }: EnumRefs, connectionOf: ConnectionOf) {
  const StoredFileRef = builder.objectRef<StoredFile>("StoredFile").implement({
    description:
      "A file kept on the server: run it with executeFile, or copy it into an execution's /workspace with ExecuteInput.fileIds.",
    fields: (t) => ({
      id: t.exposeID("id", { description: "The file's id: what file, executeFile, deleteFile and fileIds take." }),
      ownerId: t.exposeID("ownerId", { nullable: true, description: "The principal whose key uploaded it" }),

      name: t.exposeString("name", {
        description: "Its file name (a single base name): the name it has in /workspace when it runs or is copied.",
      }),
      language: t.expose("language", {
        type: LanguageEnum,
        nullable: true,
        description: "Its language: given at upload, or guessed from the name's extension; null when neither says.",
      }),
      sizeBytes: t.exposeInt("sizeBytes", { description: "Its size, in bytes." }),
      sha256: t.exposeString("sha256", { description: "The SHA-256 of its bytes, in lower-case hex." }),
      content: t.string({
        description: "The file's bytes as UTF-8 text.",
        resolve: async (file, _args, { services }) => (await services.files.content(file)).toString("utf8"),
      }),
      createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was uploaded." }),
    }),
  });

  const StoredFileConnectionRef = connectionOf("StoredFile", StoredFileRef, {
    one: "stored file",
    many: "stored files",
  });

  const LanguageCountRef = builder.objectRef<FileStats["byLanguage"][number]>("LanguageCount").implement({
    description: "How many stored files have one language.",
    fields: (t) => ({
      language: t.expose("language", { type: LanguageEnum, description: "The language." }),
      count: t.exposeInt("count", { description: "How many stored files have it." }),
    }),
  });

  const FileStatsRef = builder.objectRef<FileStats>("FileStats").implement({
    description: "How many stored files there are, their total size, and how many per language.",
    fields: (t) => ({
      count: t.exposeInt("count", { description: "How many files." }),
      totalBytes: t.exposeFloat("totalBytes", {
        description: "Their total size, in bytes (what the fileBytes quota counts).",
      }),
      byLanguage: t.expose("byLanguage", {
        type: [LanguageCountRef],
        description: "How many per language, for each language that has any; files without a language are left out.",
      }),
    }),
  });

  const UploadFileInput = builder.inputType("UploadFileInput", {
    description: "Either content (text) or file (multipart upload), not both.",
    fields: (t) => ({
      name: t.string({
        required: true,
        description:
          "The file's name: a single base name of 1 to 255 bytes of printable characters, without / \\ or .., not starting with -.",
      }),
      content: t.string({
        required: false,
        description: `The file's text, stored as UTF-8; at most ${MAX_FILE}, counted in UTF-8 bytes.`,
      }),
      file: t.field({
        type: "File",
        required: false,
        description: `The file as a multipart upload, stored byte for byte; at most ${MAX_FILE}.`,
      }),
      language: t.field({
        type: LanguageEnum,
        required: false,
        description: "Default: guessed from the name's extension.",
      }),
    }),
  });

  return { StoredFileRef, StoredFileConnectionRef, FileStatsRef, UploadFileInput };
}

export type StoredFileRefs = ReturnType<typeof storedFileTypes>;

/** Stored files and their statistics. */
import type { FileStats, StoredFile } from "../domain/stored-file.js";
import { builder } from "./builder.js";
import { connectionTypes } from "./connection.js";
import { LanguageEnum } from "./enums.js";

export const StoredFileRef = builder.objectRef<StoredFile>("StoredFile").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    ownerId: t.exposeID("ownerId", { nullable: true, description: "The principal whose key uploaded it" }),

    name: t.exposeString("name"),
    language: t.expose("language", { type: LanguageEnum, nullable: true }),
    sizeBytes: t.exposeInt("sizeBytes"),
    sha256: t.exposeString("sha256"),
    content: t.string({
      description: "The file's bytes as UTF-8 text.",
      resolve: async (file, _args, { services }) => (await services.files.content(file)).toString("utf8"),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const StoredFileConnectionRef = connectionTypes("StoredFile", StoredFileRef);

const LanguageCountRef = builder.objectRef<FileStats["byLanguage"][number]>("LanguageCount").implement({
  fields: (t) => ({
    language: t.expose("language", { type: LanguageEnum }),
    count: t.exposeInt("count"),
  }),
});

export const FileStatsRef = builder.objectRef<FileStats>("FileStats").implement({
  fields: (t) => ({
    count: t.exposeInt("count"),
    totalBytes: t.exposeFloat("totalBytes"),
    byLanguage: t.expose("byLanguage", { type: [LanguageCountRef] }),
  }),
});

export const UploadFileInput = builder.inputType("UploadFileInput", {
  description: "Either content (text) or file (multipart upload), not both.",
  fields: (t) => ({
    name: t.string({ required: true }),
    content: t.string({ required: false }),
    file: t.field({ type: "File", required: false }),
    language: t.field({
      type: LanguageEnum,
      required: false,
      description: "Default: guessed from the name's extension.",
    }),
  }),
});

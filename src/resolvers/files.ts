/** Root fields of stored files, and running one. */
import { RUN_COST } from "../graphql/run-limit.js";
import { builder } from "../schema/builder.js";
import { resolveConnection } from "../schema/connection.js";
import { LanguageEnum } from "../schema/enums.js";
import { ExecuteFileInput, ExecutionRef } from "../schema/execution.js";
import { FileStatsRef, StoredFileConnectionRef, StoredFileRef, UploadFileInput } from "../schema/stored-file.js";

const CURSOR_KIND = "file";

builder.queryField("files", (t) =>
  t.field({
    type: StoredFileConnectionRef,
    description: "Newest first.",
    args: { first: t.arg.int(), after: t.arg.string(), language: t.arg({ type: LanguageEnum }) },
    resolve: (_root, args, { services }) =>
      resolveConnection(CURSOR_KIND, args, (query) => {
        const page = services.files.page({ ...query, language: args.language ?? null });
        return { ...page, items: page.items.map(({ file, position }) => ({ node: file, position })) };
      }),
  }),
);

builder.queryField("file", (t) =>
  t.field({
    type: StoredFileRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services }) => services.files.get(String(id)),
  }),
);

builder.queryField("fileStats", (t) =>
  t.field({ type: FileStatsRef, resolve: (_root, _args, { services }) => services.files.stats() }),
);

builder.mutationField("uploadFile", (t) =>
  t.field({
    type: StoredFileRef,
    description: "Either content (text) or file (multipart upload), not both.",
    args: { input: t.arg({ type: UploadFileInput, required: true }) },
    resolve: (_root, { input }, { services }) => services.files.upload(input),
  }),
);

builder.mutationField("deleteFile", (t) =>
  t.field({
    type: "Boolean",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services }) => services.files.delete(String(id)),
  }),
);

builder.mutationField("executeFile", (t) =>
  t.field({
    complexity: RUN_COST,
    type: ExecutionRef,
    description: "Runs a stored file, as execute does.",
    args: { input: t.arg({ type: ExecuteFileInput, required: true }) },
    resolve: (_root, { input }, { services }) => services.executions.executeFile(input),
  }),
);

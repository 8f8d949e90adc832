/** Root fields of stored files, and running one. */
import { RUN_COST } from "../graphql/run-limit.js";
import type { Builder } from "../schema/builder.js";
import { pageArgs, resolveConnection } from "../schema/connection.js";
import type { EnumRefs } from "../schema/enums.js";
import type { ExecutionRefs } from "../schema/execution.js";
import type { StoredFileRefs } from "../schema/stored-file.js";
import { principalIdArg, principalIdOf } from "./principal-filter.js";

const CURSOR_KIND = "file";

export function fileFields(
  builder: Builder,
  { LanguageEnum }: EnumRefs,
  { ExecuteFileInput, ExecutionRef }: ExecutionRefs,
  { FileStatsRef, StoredFileConnectionRef, StoredFileRef, UploadFileInput }: StoredFileRefs,
): void {
  builder.queryField("files", (t) =>
    t.field({
      type: StoredFileConnectionRef,
      description: "Newest first.",
      args: {
        ...pageArgs(t.arg),
        language: t.arg({ type: LanguageEnum, description: "Only files of this language. Default: any." }),
        principalId: principalIdArg(t.arg),
      },
      resolve: (_root, args, { services, actor }) =>
        resolveConnection(CURSOR_KIND, args, async (query) => {
          const page = await services.files.page(actor, {
            ...query,
            language: args.language ?? null,
            principalId: principalIdOf(args.principalId),
          });
          return { ...page, items: page.items.map(({ file, position }) => ({ node: file, position })) };
        }),
    }),
  );

  builder.queryField("file", (t) =>
    t.field({
      type: StoredFileRef,
      nullable: true,
      description: "One stored file; null when the id names none the caller may see.",
      args: { id: t.arg.id({ required: true, description: "The file's id." }) },
      resolve: (_root, { id }, { services, actor }) => services.files.get(actor, String(id)),
    }),
  );

  builder.queryField("fileStats", (t) =>
    t.field({
      type: FileStatsRef,
      description: "Counts of the caller's stored files (an admin's: everyone's, or one principal's).",
      args: { principalId: principalIdArg(t.arg) },
      resolve: (_root, args, { services, actor }) => services.files.stats(actor, principalIdOf(args.principalId)),
    }),
  );

  builder.mutationField("uploadFile", (t) =>
    t.field({
      type: StoredFileRef,
      description: "Either content (text) or file (multipart upload), not both.",
      args: {
        input: t.arg({
          type: UploadFileInput,
          required: true,
          description: "The file's name, and its content or upload.",
        }),
      },
      resolve: (_root, { input }, { services, actor }) => services.files.upload(actor, input),
    }),
  );

  builder.mutationField("deleteFile", (t) =>
    t.field({
      type: "Boolean",
      description:
        "Deletes a stored file; true once it is gone. Executions that ran it keep their records (their file becomes null).",
      args: { id: t.arg.id({ required: true, description: "The file to delete." }) },
      resolve: (_root, { id }, { services, actor }) => services.files.delete(actor, String(id)),
    }),
  );

  builder.mutationField("executeFile", (t) =>
    t.field({
      complexity: RUN_COST,
      type: ExecutionRef,
      description: "Runs a stored file, as execute does.",
      args: {
        input: t.arg({ type: ExecuteFileInput, required: true, description: "The stored file and how to run it." }),
      },
      resolve: (_root, { input }, { services, actor }) => services.executions.executeFile(actor, input),
    }),
  );
}

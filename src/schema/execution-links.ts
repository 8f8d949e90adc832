/** Execution.image and Execution.file: kept apart from the type modules so that none imports another. */
import type { Builder } from "./builder.js";
import type { ExecutionRefs } from "./execution.js";
import type { ImageRefs } from "./image.js";
import type { StoredFileRefs } from "./stored-file.js";

export function executionLinks(
  builder: Builder,
  { ExecutionRef }: ExecutionRefs,
  { ImageRef }: ImageRefs,
  { StoredFileRef }: StoredFileRefs,
): void {
  builder.objectField(ExecutionRef, "image", (t) =>
    t.field({
      type: ImageRef,
      nullable: true,
      description: "The image it ran in; null once that image was removed.",
      resolve: (execution, _args, { services, actor }) => services.images.get(actor, execution.imageId),
    }),
  );

  builder.objectField(ExecutionRef, "file", (t) =>
    t.field({
      type: StoredFileRef,
      nullable: true,
      description: "The stored file it ran (executeFile); null for code sent inline, or once the file was deleted.",
      resolve: (execution, _args, { services, actor }) =>
        execution.fileId ? services.files.get(actor, execution.fileId) : null,
    }),
  );
}

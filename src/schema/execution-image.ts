/** Execution.image: kept apart from both type modules so that neither imports the other. */
import { builder } from "./builder.js";
import { ExecutionRef } from "./execution.js";
import { ImageRef } from "./image.js";

builder.objectField(ExecutionRef, "image", (t) =>
  t.field({
    type: ImageRef,
    nullable: true,
    description: "The image it ran in; null once that image was removed.",
    resolve: (execution, _args, { services }) => services.images.get(execution.imageId),
  }),
);

/** Root fields of images and package installations. */
import { builder } from "../schema/builder.js";
import {
  BuildLogLineRef,
  CreateImageInput,
  ImageRef,
  InstallPackagesInput,
  PackageInstallationRef,
} from "../schema/image.js";

builder.queryField("images", (t) =>
  t.field({ type: [ImageRef], resolve: (_root, _args, { services }) => services.images.list() }),
);

builder.queryField("image", (t) =>
  t.field({
    type: ImageRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services }) => services.images.get(String(id)),
  }),
);

builder.queryField("packageInstallation", (t) =>
  t.field({
    type: PackageInstallationRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services }) => services.images.getInstallation(String(id)),
  }),
);

builder.mutationField("createImage", (t) =>
  t.field({
    type: ImageRef,
    description: "Starts a build and returns at once with status BUILDING; imageBuildLogs streams it.",
    args: { input: t.arg({ type: CreateImageInput, required: true }) },
    resolve: (_root, { input }, { services }) => services.images.create(input),
  }),
);

builder.mutationField("removeImage", (t) =>
  t.field({
    type: "Boolean",
    description: "Removes the image and its Docker image; running executions on it are not affected.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services }) => services.images.remove(String(id)),
  }),
);

builder.mutationField("installPackages", (t) =>
  t.field({
    type: PackageInstallationRef,
    description:
      "Installs packages into an image as a new layer; the image keeps its id and points at the new Docker image.",
    args: { input: t.arg({ type: InstallPackagesInput, required: true }) },
    resolve: (_root, { input }, { services }) =>
      services.images.installPackages({ ...input, imageId: String(input.imageId) }),
  }),
);

builder.subscriptionField("imageBuildLogs", (t) =>
  t.field({
    type: BuildLogLineRef,
    description: "Build output of an image, from the first line; completes when the build ends.",
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, { id }, { services }) => services.images.buildLogLines(String(id)),
    resolve: (line) => line,
  }),
);

builder.subscriptionField("packageInstallationLogs", (t) =>
  t.field({
    type: BuildLogLineRef,
    description: "Output of a package installation, from the first line; completes when it ends.",
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, { id }, { services }) => services.images.installationLogLines(String(id)),
    resolve: (line) => line,
  }),
);

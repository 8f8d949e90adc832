/** Root fields of images, builds and package installations. */
import { RUN_COST } from "../graphql/run-limit.js";
import type { Builder } from "../schema/builder.js";
import type { ImageRefs } from "../schema/image.js";
import { principalIdArg, principalIdOf } from "./principal-filter.js";

const AFTER_SEQ = "Replay only the lines after this seq (resuming a stream). Default: 0, from the first line.";

export function imageFields(
  builder: Builder,
  { BuildLogLineRef, CreateImageInput, ImageRef, InstallPackagesInput, PackageInstallationRef }: ImageRefs,
): void {
  builder.queryField("images", (t) =>
    t.field({
      type: [ImageRef],
      description:
        "The default image first, then the caller's own images (an admin's: everyone's, or one principal's).",
      args: { principalId: principalIdArg(t.arg) },
      resolve: (_root, args, { services, actor }) => services.images.list(actor, principalIdOf(args.principalId)),
    }),
  );

  builder.queryField("image", (t) =>
    t.field({
      type: ImageRef,
      nullable: true,
      description: "One image; null when the id names none.",
      args: { id: t.arg.id({ required: true, description: 'The image\'s id ("default" for the default image).' }) },
      resolve: (_root, { id }, { services, actor }) => services.images.get(actor, String(id)),
    }),
  );

  builder.queryField("packageInstallation", (t) =>
    t.field({
      type: PackageInstallationRef,
      nullable: true,
      description: "One package installation; null when the id names none.",
      args: { id: t.arg.id({ required: true, description: "The installation's id (from installPackages)." }) },
      resolve: (_root, { id }, { services, actor }) => services.installs.get(actor, String(id)),
    }),
  );

  builder.mutationField("createImage", (t) =>
    t.field({
      complexity: RUN_COST,
      type: ImageRef,
      description: "Starts a build and returns at once with status BUILDING; imageBuildLogs streams it.",
      args: {
        input: t.arg({ type: CreateImageInput, required: true, description: "The image's name and languages." }),
      },
      resolve: (_root, { input }, { services, actor }) => services.builds.create(actor, input),
    }),
  );

  builder.mutationField("cancelImageBuild", (t) =>
    t.field({
      type: ImageRef,
      description:
        "Stops an image's build: the image ends CANCELLED, with no Docker image. An image that is not building is returned as it is.",
      args: { id: t.arg.id({ required: true, description: "The image whose build to stop." }) },
      resolve: (_root, { id }, { services, actor }) => services.builds.cancel(actor, String(id)),
    }),
  );

  builder.mutationField("removeImage", (t) =>
    t.field({
      type: "Boolean",
      description:
        "Removes the image and its Docker image; running executions on it are not affected. When Docker cannot remove it, the image is kept and the error says why.",
      args: { id: t.arg.id({ required: true, description: "The image to remove (not the default image)." }) },
      resolve: (_root, { id }, { services, actor }) => services.images.remove(actor, String(id)),
    }),
  );

  builder.mutationField("installPackages", (t) =>
    t.field({
      complexity: RUN_COST,
      type: PackageInstallationRef,
      description:
        "Installs packages into an image as a new layer; the image keeps its id and points at the new Docker image.",
      args: {
        input: t.arg({
          type: InstallPackagesInput,
          required: true,
          description: "The image, the package manager and the packages.",
        }),
      },
      resolve: (_root, { input }, { services, actor }) => services.installs.installPackages(actor, input),
    }),
  );

  builder.mutationField("cancelPackageInstallation", (t) =>
    t.field({
      type: PackageInstallationRef,
      description:
        "Stops a queued or running installation: it ends CANCELLED and the image stays as it was. A finished one is returned as it is.",
      args: { id: t.arg.id({ required: true, description: "The installation to stop." }) },
      resolve: (_root, { id }, { services, actor }) => services.installs.cancel(actor, String(id)),
    }),
  );

  builder.subscriptionField("imageBuildLogs", (t) =>
    t.field({
      type: BuildLogLineRef,
      description:
        "Build output of an image: the lines after afterSeq, then live ones, then a final line with the outcome; completes after it.",
      args: {
        id: t.arg.id({ required: true, description: "The image whose build to follow." }),
        afterSeq: t.arg.int({ description: AFTER_SEQ }),
      },
      subscribe: (_root, { id, afterSeq }, { services, actor }) =>
        services.builds.follow(actor, String(id), afterSeq ?? 0),
      resolve: (line) => line,
    }),
  );

  builder.subscriptionField("packageInstallationLogs", (t) =>
    t.field({
      type: BuildLogLineRef,
      description:
        "Output of a package installation: the lines after afterSeq, then live ones, then a final line with the outcome; completes after it.",
      args: {
        id: t.arg.id({ required: true, description: "The installation to follow." }),
        afterSeq: t.arg.int({ description: AFTER_SEQ }),
      },
      subscribe: (_root, { id, afterSeq }, { services, actor }) =>
        services.installs.follow(actor, String(id), afterSeq ?? 0),
      resolve: (line) => line,
    }),
  );
}

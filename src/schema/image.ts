/** Images, the packages installed into them, installations, and lines of their logs. */

import {
  type IMAGE_STATUSES,
  type Image,
  type InstalledPackage,
  type JOB_STATUSES,
  type LogLine,
  MAX_JOB_LOG_BYTES,
  type PackageInstallation,
} from "../domain/image.js";
import type { CreateImageRequest, ImageInputSchemas, InstallPackagesRequest } from "../domain/image-inputs.js";
import type { Builder } from "./builder.js";
import type { EnumRefs } from "./enums.js";
import type { RuntimeRefs } from "./runtime.js";
import { inputTypeFromZod } from "./zod-input.js";

const MAX_JOB_LOG_MIB = MAX_JOB_LOG_BYTES / (1024 * 1024);

export function imageTypes(
  builder: Builder,
  { LanguageEnum, PackageManagerEnum }: EnumRefs,
  { RuntimeRef }: RuntimeRefs,
  imageInputs: ImageInputSchemas,
) {
  const ImageStatusEnum = builder.enumType("ImageStatus", {
    description: "Where an image is: BUILDING, then READY, FAILED or CANCELLED. Only a READY image runs code.",
    values: {
      BUILDING: { description: "Its build is running; follow it with imageBuildLogs." },
      READY: { description: "Built: executions may run in it and packages may be installed into it." },
      FAILED: {
        description:
          "Its build failed or was cut short by a restart, or its Docker image is missing (see error); it cannot be used.",
      },
      CANCELLED: { description: "Its build was stopped with cancelImageBuild; it has no Docker image." },
    } satisfies Record<(typeof IMAGE_STATUSES)[number], object>,
  });

  const JobStatusEnum = builder.enumType("JobStatus", {
    description:
      "Where a package installation is, or how an image build ended (on a log's final line): QUEUED, RUNNING, then one of the final statuses.",
    values: {
      QUEUED: {
        description: "Waiting for earlier installations into the same image: they run one at a time per image.",
      },
      RUNNING: { description: "Installing the packages." },
      SUCCEEDED: { description: "Done: the image has the packages (for a build: the image is READY)." },
      FAILED: { description: "It failed (see error); a failed installation leaves the image as it was." },
      CANCELLED: {
        description:
          "Stopped with cancelPackageInstallation (the image stays as it was) or cancelImageBuild (the image ends CANCELLED).",
      },
    } satisfies Record<(typeof JOB_STATUSES)[number], object>,
  });

  const InstalledPackageRef = builder.objectRef<InstalledPackage>("InstalledPackage").implement({
    description: "A package installed into an image with installPackages.",
    fields: (t) => ({
      manager: t.expose("manager", { type: PackageManagerEnum, description: "The package manager that installed it." }),
      name: t.exposeString("name", { description: "The package's name, as the manager reports it." }),
      version: t.exposeString("version", { nullable: true, description: "As the manager resolved it." }),
      installedAt: t.expose("installedAt", { type: "DateTime", description: "When its installation ended." }),
    }),
  });

  const ImageRef = builder.objectRef<Image>("Image").implement({
    description:
      'A Docker image that executions run in: the shared default image (id "default", every language) or one made with createImage, with the packages installed into it.',
    fields: (t) => ({
      id: t.exposeID("id", {
        description: 'The image\'s id, kept across package installations; "default" for the default image.',
      }),
      ownerId: t.exposeID("ownerId", {
        nullable: true,
        description: "The principal whose key created it; null for the shared default image",
      }),

      name: t.exposeString("name", {
        description: "Its name, from createImage; the default image's is the server's SANDBOX_IMAGE.",
      }),
      languages: t.expose("languages", {
        type: [LanguageEnum],
        description: "The languages it has runtimes for.",
      }),
      status: t.expose("status", { type: ImageStatusEnum, description: "Whether it can be used: only when READY." }),
      dockerImageId: t.exposeString("dockerImageId", {
        nullable: true,
        description: "The Docker image it points at now; each package installation makes a new one. Null unless READY.",
      }),
      sizeBytes: t.exposeFloat("sizeBytes", {
        nullable: true,
        description: "The Docker image's size, in bytes; null unless READY.",
      }),
      runtimes: t.field({
        type: [RuntimeRef],
        description: "Versions read from the image itself (empty until it is READY).",
        resolve: (image, _args, { services }) =>
          image.status === "READY" && image.dockerImageId
            ? services.runtimes.runtimesOf({ ...image, dockerImage: image.dockerImageId })
            : [],
      }),
      packages: t.field({
        type: [InstalledPackageRef],
        description: "The packages installed into it with installPackages.",
        resolve: (image, _args, { services }) => services.images.packagesOf(image.id),
      }),
      buildLog: t.string({
        description: `The build's output so far, one log line per line (past ${MAX_JOB_LOG_MIB} MiB the rest is dropped); imageBuildLogs streams it.`,
        resolve: (image, _args, { services }) => services.builds.logText(image.id),
      }),
      error: t.exposeString("error", {
        nullable: true,
        description: "Why it is FAILED or CANCELLED; null otherwise.",
      }),
      createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created." }),
      updatedAt: t.expose("updatedAt", {
        type: "DateTime",
        description: "When its status, Docker image or size last changed.",
      }),
    }),
  });

  const PackageInstallationRef = builder.objectRef<PackageInstallation>("PackageInstallation").implement({
    description: "One installPackages request: packages installed into an image as a new layer, with its log.",
    fields: (t) => ({
      id: t.exposeID("id", {
        description:
          "The installation's id: what packageInstallation, cancelPackageInstallation and packageInstallationLogs take.",
      }),
      ownerId: t.exposeID("ownerId", { nullable: true, description: "The principal whose key asked for it" }),

      image: t.field({
        type: ImageRef,
        description: "The image it installs into.",
        // Whoever may see the installation may see its image: their own, or the shared default one.
        resolve: (job, _args, { services }) => services.images.recorded(job.imageId),
      }),
      manager: t.expose("manager", { type: PackageManagerEnum, description: "The package manager it uses." }),
      packages: t.exposeStringList("packages", { description: "The package specs, as they were asked for." }),
      status: t.expose("status", {
        type: JobStatusEnum,
        description: "Where it is: QUEUED, RUNNING, or how it ended.",
      }),
      log: t.string({
        description: `The installation's output so far, one log line per line (past ${MAX_JOB_LOG_MIB} MiB the rest is dropped); packageInstallationLogs streams it.`,
        resolve: (job, _args, { services }) => services.installs.logText(job.id),
      }),
      error: t.exposeString("error", {
        nullable: true,
        description: "Why it did not succeed; null while it runs and once it has succeeded.",
      }),
      startedAt: t.expose("startedAt", {
        type: "DateTime",
        description: "When it was asked for; it may then wait QUEUED behind earlier installations into the image.",
      }),
      finishedAt: t.expose("finishedAt", {
        type: "DateTime",
        nullable: true,
        description: "When it ended; null while QUEUED or RUNNING.",
      }),
    }),
  });

  const BuildLogLineRef = builder.objectRef<LogLine>("BuildLogLine").implement({
    description:
      "One line of an image build's or a package installation's output. The last line of a log is final and carries the outcome.",
    fields: (t) => ({
      seq: t.exposeInt("seq", {
        description: "Its place in the log, counting from 1; to resume a stream, pass the last one seen as afterSeq.",
      }),
      at: t.expose("at", { type: "DateTime", description: "When it was written." }),
      line: t.exposeString("line", {
        description:
          'The text, without its line break. The final line reads the outcome, such as "SUCCEEDED" or "FAILED: <error>".',
      }),
      final: t.exposeBoolean("final", {
        description:
          "True on the last line of the log: it carries the job's status (and error), and the stream then completes.",
      }),
      status: t.expose("status", {
        type: JobStatusEnum,
        nullable: true,
        description: "How the build or installation ended; only on the final line.",
      }),
      error: t.exposeString("error", {
        nullable: true,
        description: "Why it did not succeed; only on the final line of a job that failed or was cancelled.",
      }),
    }),
  });

  const CreateImageInput = inputTypeFromZod<CreateImageRequest>(builder, "CreateImageInput", imageInputs.createImage, {
    languages: LanguageEnum,
  });

  const InstallPackagesInput = inputTypeFromZod<InstallPackagesRequest>(
    builder,
    "InstallPackagesInput",
    imageInputs.installPackages,
    { manager: PackageManagerEnum },
  );

  return { ImageRef, PackageInstallationRef, BuildLogLineRef, CreateImageInput, InstallPackagesInput };
}

export type ImageRefs = ReturnType<typeof imageTypes>;

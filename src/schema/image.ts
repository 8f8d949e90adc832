/** Images, the packages installed into them, installations, and lines of their logs. */

import type { Image, InstalledPackage, LogLine, PackageInstallation } from "../domain/image.js";
import { IMAGE_STATUSES, JOB_STATUSES } from "../domain/image.js";
import {
  type CreateImageRequest,
  createImageInputSchema,
  type InstallPackagesRequest,
  installPackagesInputSchema,
} from "../domain/image-inputs.js";
import { languageById } from "../languages/index.js";
import { builder } from "./builder.js";
import { LanguageEnum, PackageManagerEnum } from "./enums.js";
import { RuntimeRef } from "./runtime.js";
import { inputTypeFromZod } from "./zod-input.js";

export const ImageStatusEnum = builder.enumType("ImageStatus", { values: IMAGE_STATUSES });
export const JobStatusEnum = builder.enumType("JobStatus", { values: JOB_STATUSES });

export const InstalledPackageRef = builder.objectRef<InstalledPackage>("InstalledPackage").implement({
  fields: (t) => ({
    manager: t.expose("manager", { type: PackageManagerEnum }),
    name: t.exposeString("name"),
    version: t.exposeString("version", { nullable: true, description: "As the manager resolved it." }),
    installedAt: t.expose("installedAt", { type: "DateTime" }),
  }),
});

export const ImageRef = builder.objectRef<Image>("Image").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    ownerId: t.exposeID("ownerId", {
      nullable: true,
      description: "The principal whose key created it; null for the shared default image",
    }),

    name: t.exposeString("name"),
    languages: t.expose("languages", { type: [LanguageEnum] }),
    status: t.expose("status", { type: ImageStatusEnum }),
    dockerImageId: t.exposeString("dockerImageId", { nullable: true }),
    sizeBytes: t.exposeFloat("sizeBytes", { nullable: true }),
    runtimes: t.field({
      type: [RuntimeRef],
      description: "Versions read from the image itself (empty until it is READY).",
      resolve: (image, _args, { services }) =>
        image.status === "READY" && image.dockerImageId
          ? services.runtimes.runtimesOf(image.dockerImageId, image.languages.map(languageById))
          : [],
    }),
    packages: t.field({
      type: [InstalledPackageRef],
      resolve: (image, _args, { services }) => services.images.packagesOf(image.id),
    }),
    buildLog: t.string({ resolve: (image, _args, { services }) => services.builds.logText(image.id) }),
    error: t.exposeString("error", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

export const PackageInstallationRef = builder.objectRef<PackageInstallation>("PackageInstallation").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    ownerId: t.exposeID("ownerId", { nullable: true, description: "The principal whose key asked for it" }),

    image: t.field({
      type: ImageRef,
      description: "The image it installs into.",
      // Whoever may see the installation may see its image: their own, or the shared default one.
      resolve: (job, _args, { services }) => services.images.recorded(job.imageId),
    }),
    manager: t.expose("manager", { type: PackageManagerEnum }),
    packages: t.exposeStringList("packages"),
    status: t.expose("status", { type: JobStatusEnum }),
    log: t.string({ resolve: (job, _args, { services }) => services.installs.logText(job.id) }),
    error: t.exposeString("error", { nullable: true }),
    startedAt: t.expose("startedAt", { type: "DateTime" }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true }),
  }),
});

export const BuildLogLineRef = builder.objectRef<LogLine>("BuildLogLine").implement({
  fields: (t) => ({
    seq: t.exposeInt("seq"),
    at: t.expose("at", { type: "DateTime" }),
    line: t.exposeString("line"),
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

export const CreateImageInput = inputTypeFromZod<CreateImageRequest>("CreateImageInput", createImageInputSchema, {
  languages: LanguageEnum,
});

export const InstallPackagesInput = inputTypeFromZod<InstallPackagesRequest>(
  "InstallPackagesInput",
  installPackagesInputSchema,
  { manager: PackageManagerEnum },
);

/** Images, the packages installed into them, installations, and lines of their logs. */

import type { Image, InstalledPackage, LogLine, PackageInstallation } from "../domain/image.js";
import { IMAGE_STATUSES, JOB_STATUSES } from "../domain/image.js";
import { languageById } from "../languages/index.js";
import { builder } from "./builder.js";
import { LanguageEnum, PackageManagerEnum } from "./enums.js";
import { RuntimeRef } from "./runtime.js";

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
    buildLog: t.string({ resolve: (image, _args, { services }) => services.images.buildLog(image.id) }),
    error: t.exposeString("error", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

export const PackageInstallationRef = builder.objectRef<PackageInstallation>("PackageInstallation").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    image: t.field({ type: ImageRef, resolve: (job, _args, { services }) => services.images.require(job.imageId) }),
    manager: t.expose("manager", { type: PackageManagerEnum }),
    packages: t.exposeStringList("packages"),
    status: t.expose("status", { type: JobStatusEnum }),
    log: t.string({ resolve: (job, _args, { services }) => services.images.installationLog(job.id) }),
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
  }),
});

export const CreateImageInput = builder.inputType("CreateImageInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    languages: t.field({ type: [LanguageEnum], required: true }),
  }),
});

export const InstallPackagesInput = builder.inputType("InstallPackagesInput", {
  fields: (t) => ({
    imageId: t.id({ required: true }),
    manager: t.field({ type: PackageManagerEnum, required: true }),
    packages: t.stringList({
      required: true,
      description:
        "Package specs in the manager's own syntax: requests, requests==2.31.0, lodash@4.17.21, Newtonsoft.Json@13.0.3, curl.",
    }),
    wait: t.boolean({ required: false, defaultValue: true }),
  }),
});

/** Tools for images and package installs: they wait (with progress) up to a bound, then return ids to poll. */
import { z } from "zod";
import {
  type Image,
  imageSchema,
  installedPackageSchema,
  type LogLine,
  type PackageInstallation,
  packageInstallationSchema,
} from "../../domain/image.js";
import { imageInputSchemas } from "../../domain/image-inputs.js";
import { languageChoices, managerChoices } from "../../domain/language-phrases.js";
import { languageFromAlias, managerFromAlias } from "../../languages/aliases.js";
import type { Services } from "../../services/index.js";
import type { ToolKit } from "../caller.js";
import { progressReporter, type ToolContext } from "../progress.js";
import { success } from "../tool-results.js";

/** What the image tools answer of an image: what it is and holds, with its installed packages. */
const imageResult = imageSchema.pick({ id: true, name: true, status: true, languages: true, error: true }).extend({
  packages: z.array(installedPackageSchema.pick({ manager: true, name: true, version: true })),
});

/** What install_packages answers of an installation, with its log. */
const installationResult = packageInstallationSchema
  .pick({ id: true, imageId: true, status: true, error: true })
  .extend({ log: z.string() });

const imageContent = async (services: Services, image: Image) =>
  imageResult.parse({ ...image, packages: await services.images.packagesOf(image.id) });

/** Passes a log's lines on as progress until it ends or the bound passes; says whether it ended. */
async function followFor(lines: AsyncIterator<LogLine>, context: ToolContext, boundMs: number): Promise<boolean> {
  const report = progressReporter(context);
  const deadline = Date.now() + boundMs;
  try {
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || context.mcpReq.signal.aborted) return false;
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([
        lines.next(),
        new Promise<"bound">((resolve) => {
          timer = setTimeout(() => resolve("bound"), remaining);
        }),
      ]);
      clearTimeout(timer);
      if (next === "bound") return false;
      if (next.done) return true;
      await report(next.value.line);
    }
  } finally {
    await lines.return?.();
  }
}

export function registerImageTools(
  services: Services,
  { tool, callerOf, catalog }: ToolKit,
  waitBoundMs: number,
): void {
  const inputs = imageInputSchemas(catalog);
  tool(
    "create_image",
    {
      title: "Create an image",
      description: `Builds a new image with the given languages (the same recipes as the default image) and waits up to
${waitBoundMs / 1000} s for it, sending build lines as progress; if it is still BUILDING then, poll list_images with its id.
Names: lower case letters, digits and . _ - (Docker's rules), not taken yet.
Example: {"name": "data-science", "languages": ["python", "node"]}.`,
      input: {
        name: inputs.createImage.shape.name,
        languages: z.array(z.string()).describe(languageChoices(catalog)),
      },
      output: imageResult.shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (input, context) => {
      const actor = callerOf(context);
      const image = await services.builds.create(actor, {
        name: input.name,
        languages: input.languages.map(languageFromAlias),
      });
      await followFor(await services.builds.follow(actor, image.id), context, waitBoundMs);
      const now = await services.images.require(actor, image.id);
      return success(
        `image ${now.name} (${now.id}): ${now.status}${now.error ? ` - ${now.error}` : ""}`,
        await imageContent(services, now),
      );
    },
  );

  tool(
    "list_images",
    {
      title: "List images",
      description:
        "Lists every image (the default one first) with its status, languages and installed packages.\nExample: {}.",
      input: {},
      output: { images: z.array(imageResult) },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (_input, context) => {
      const listed = await services.images.list(callerOf(context));
      const images = await Promise.all(listed.map((image) => imageContent(services, image)));
      const lines = images.map((image) => `${image.id} ${image.name} ${image.status} ${image.languages.join(",")}`);
      return success(lines.join("\n"), { images });
    },
  );

  tool(
    "install_packages",
    {
      title: "Install packages into an image",
      description: `Installs packages into an image as a new layer (later runs in that image can use them, offline) and waits up
to ${waitBoundMs / 1000} s, sending the manager's output as progress. manager: ${managerChoices(catalog)}.
Specs are names with optional versions only: requests==2.31.0, lodash@4.17.21, Newtonsoft.Json@13.0.3, jq.
A failed install leaves the image as it was. Example: {"imageId": "default", "manager": "npm", "packages": ["lodash@4.17.21"]}.`,
      input: {
        imageId: inputs.installPackages.shape.imageId,
        manager: z.string().describe(managerChoices(catalog)),
        packages: inputs.installPackages.shape.packages,
      },
      output: installationResult.shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (input, context) => {
      const actor = callerOf(context);
      const started = await services.installs.installPackages(actor, {
        imageId: input.imageId,
        manager: managerFromAlias(input.manager),
        packages: input.packages,
        wait: false,
      });
      await followFor(await services.installs.follow(actor, started.id), context, waitBoundMs);
      const job = (await services.installs.get(actor, started.id)) as PackageInstallation;
      const log = await services.installs.logText(job.id);
      return success(
        `install ${job.id}: ${job.status}${job.error ? `\n${job.error}` : ""}`,
        installationResult.parse({ ...job, log }),
      );
    },
  );
}

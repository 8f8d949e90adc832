/** Tools for images and package installs: they wait (with progress) up to a bound, then return ids to poll. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { Image, LogLine, PackageInstallation } from "../../domain/image.js";
import { createImageInputSchema, installPackagesInputSchema } from "../../domain/image-inputs.js";
import { languageChoices, languageFromAlias, managerChoices, managerFromAlias } from "../../languages/aliases.js";
import type { Services } from "../../services/index.js";
import type { ToolKit } from "../caller.js";
import { progressReporter, type ToolExtra } from "../progress.js";
import { success } from "../tool-results.js";

const IMAGE_OUTPUT = {
  id: z.string(),
  name: z.string(),
  status: z.string().describe("BUILDING, READY, FAILED or CANCELLED"),
  languages: z.array(z.string()),
  packages: z.array(z.object({ manager: z.string(), name: z.string(), version: z.string().nullable() })),
  error: z.string().nullable(),
};

async function imageContent(services: Services, image: Image) {
  const packages = await services.images.packagesOf(image.id);
  return {
    id: image.id,
    name: image.name,
    status: image.status,
    languages: image.languages,
    packages: packages.map(({ manager, name, version }) => ({ manager, name, version })),
    error: image.error,
  };
}

/** Passes a log's lines on as progress until it ends or the bound passes; says whether it ended. */
async function followFor(lines: AsyncIterator<LogLine>, extra: ToolExtra, boundMs: number): Promise<boolean> {
  const report = progressReporter(extra);
  const deadline = Date.now() + boundMs;
  try {
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || extra.signal.aborted) return false;
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
  server: McpServer,
  services: Services,
  { callerOf, answer }: ToolKit,
  waitBoundMs: number,
): void {
  server.registerTool(
    "create_image",
    {
      title: "Create an image",
      description: `Builds a new image with the given languages (the same recipes as the default image) and waits up to
${waitBoundMs / 1000} s for it, sending build lines as progress; if it is still BUILDING then, poll list_images with its id.
Names: lower case letters, digits and . _ - (Docker's rules), not taken yet.
Example: {"name": "data-science", "languages": ["python", "node"]}.`,
      inputSchema: {
        name: createImageInputSchema.shape.name,
        languages: z.array(z.string()).describe(languageChoices()),
      },
      outputSchema: IMAGE_OUTPUT,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (input, extra) =>
      answer(async () => {
        const actor = callerOf(extra);
        const image = await services.builds.create(actor, {
          name: input.name,
          languages: input.languages.map(languageFromAlias),
        });
        await followFor(await services.builds.follow(actor, image.id), extra, waitBoundMs);
        const now = await services.images.require(actor, image.id);
        return success(
          `image ${now.name} (${now.id}): ${now.status}${now.error ? ` - ${now.error}` : ""}`,
          await imageContent(services, now),
        );
      }),
  );

  server.registerTool(
    "list_images",
    {
      title: "List images",
      description:
        "Lists every image (the default one first) with its status, languages and installed packages.\nExample: {}.",
      inputSchema: {},
      outputSchema: { images: z.array(z.object(IMAGE_OUTPUT)) },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    (_input, extra) =>
      answer(async () => {
        const listed = await services.images.list(callerOf(extra));
        const images = await Promise.all(listed.map((image) => imageContent(services, image)));
        const lines = images.map((image) => `${image.id} ${image.name} ${image.status} ${image.languages.join(",")}`);
        return success(lines.join("\n"), { images });
      }),
  );

  server.registerTool(
    "install_packages",
    {
      title: "Install packages into an image",
      description: `Installs packages into an image as a new layer (later runs in that image can use them, offline) and waits up
to ${waitBoundMs / 1000} s, sending the manager's output as progress. manager: ${managerChoices()}.
Specs are names with optional versions only: requests==2.31.0, lodash@4.17.21, Newtonsoft.Json@13.0.3, jq.
A failed install leaves the image as it was. Example: {"imageId": "default", "manager": "npm", "packages": ["lodash@4.17.21"]}.`,
      inputSchema: {
        imageId: installPackagesInputSchema.shape.imageId,
        manager: z.string().describe(managerChoices()),
        packages: installPackagesInputSchema.shape.packages,
      },
      outputSchema: {
        id: z.string(),
        imageId: z.string(),
        status: z.string().describe("QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED"),
        error: z.string().nullable(),
        log: z.string(),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (input, extra) =>
      answer(async () => {
        const actor = callerOf(extra);
        const started = await services.installs.installPackages(actor, {
          imageId: input.imageId,
          manager: managerFromAlias(input.manager),
          packages: input.packages,
          wait: false,
        });
        await followFor(await services.installs.follow(actor, started.id), extra, waitBoundMs);
        const job = (await services.installs.get(actor, started.id)) as PackageInstallation;
        const log = await services.installs.logText(job.id);
        return success(`install ${job.id}: ${job.status}${job.error ? `\n${job.error}` : ""}`, {
          id: job.id,
          imageId: job.imageId,
          status: job.status,
          error: job.error,
          log,
        });
      }),
  );
}

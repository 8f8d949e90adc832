/** create, images, remove-image and install-package. */
import type { Command } from "commander";
import { languageFromAlias, managerFromAlias } from "../../languages/aliases.js";
import { action } from "../action.js";
import type { CliContext } from "../context.js";
import { table } from "../output.js";

interface LogLine {
  seq: number;
  line: string;
}

/** Prints a build's or an install's log lines as they come, until it ends. */
async function followLog({ client, output }: CliContext, field: string, id: string): Promise<void> {
  await client.subscribe<Record<string, LogLine>>(
    `subscription ($id: ID!) { ${field}(id: $id) { seq line } }`,
    { id },
    (data) => {
      const line = data[field] as LogLine;
      output.item(line, () => `${line.line}\n`);
    },
  );
}

export function registerImageCommands(program: Command): void {
  program
    .command("create")
    .description("build an image with the given languages, streaming the build log; exits 0 when READY")
    .argument("<languages...>", "python, node, csharp, bash (and their aliases)")
    .requiredOption("--image-name <name>", "the image's name (Docker's rules: lower case, digits, . _ - /)")
    .option("-q, --quiet", "print only the image's id once it is READY, not the build log")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor create python node csharp --image-name my-multi-lang")
    .action(
      action(async (context, languages: string[], options: { imageName: string; quiet?: boolean }) => {
        const { createImage } = await context.client.request<{ createImage: { id: string; name: string } }>(
          "mutation ($input: CreateImageInput!) { createImage(input: $input) { id name } }",
          { input: { name: options.imageName, languages: languages.map(languageFromAlias) } },
        );
        if (options.quiet) {
          await context.client.subscribe(
            "subscription ($id: ID!) { imageBuildLogs(id: $id) { seq } }",
            { id: createImage.id },
            () => {},
          );
        } else {
          if (!context.output.json)
            process.stderr.write(`building image ${createImage.name} (${createImage.id}) ...\n`);
          await followLog(context, "imageBuildLogs", createImage.id);
        }
        const { image } = await context.client.request<{
          image: { id: string; name: string; status: string; error: string | null };
        }>("query ($id: ID!) { image(id: $id) { id name status error } }", { id: createImage.id });
        if (options.quiet && image.status === "READY") {
          process.stdout.write(`${image.id}\n`);
          return 0;
        }
        context.output.result(
          image,
          () => `image ${image.name} ${image.id}: ${image.status}${image.error ? ` (${image.error})` : ""}`,
        );
        return image.status === "READY" ? 0 : 1;
      }),
    );

  program
    .command("images")
    .description("list images, the default one first")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor images")
    .action(
      action(async ({ client, output }) => {
        const { images } = await client.request<{
          images: {
            id: string;
            name: string;
            status: string;
            languages: string[];
            sizeBytes: number | null;
            packages: { name: string }[];
          }[];
        }>("{ images { id name status languages sizeBytes packages { manager name version } } }");
        output.result(images, () =>
          table(
            ["ID", "NAME", "STATUS", "LANGUAGES", "SIZE", "PACKAGES"],
            images.map((image) => [
              image.id,
              image.name,
              image.status,
              image.languages.join(","),
              image.sizeBytes === null ? null : `${(image.sizeBytes / 1e6).toFixed(0)} MB`,
              image.packages.length,
            ]),
          ),
        );
        return 0;
      }),
    );

  program
    .command("remove-image")
    .description("remove an image and its Docker image")
    .argument("<image-id>")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor remove-image 3d1f…")
    .action(
      action(async ({ client, output }, id: string) => {
        const result = await client.request<{ removeImage: boolean }>("mutation ($id: ID!) { removeImage(id: $id) }", {
          id,
        });
        output.result(result, () => `removed image ${id}`);
        return 0;
      }),
    );

  program
    .command("install-package")
    .description("install packages into an image, streaming the manager's output; exits 0 when it succeeded")
    .argument("<image-id>", "the image (`default` for the default image)")
    .argument("<language-or-manager>", "python|pip, node|npm, csharp|nuget|dotnet, apt|system")
    .argument("<specs...>", "package specs: requests==2.31.0, lodash@4.17.21, Newtonsoft.Json==13.0.3, jq")
    .addHelpText("after", '\nExample:\n  $ mcp-docker-executor install-package default python "requests==2.31.0"')
    .action(
      action(async (context, imageId: string, manager: string, specs: string[]) => {
        const { installPackages } = await context.client.request<{ installPackages: { id: string } }>(
          "mutation ($input: InstallPackagesInput!) { installPackages(input: $input) { id } }",
          { input: { imageId, manager: managerFromAlias(manager), packages: specs, wait: false } },
        );
        await followLog(context, "packageInstallationLogs", installPackages.id);
        const { packageInstallation } = await context.client.request<{
          packageInstallation: { id: string; status: string; error: string | null; image: { packages: unknown[] } };
        }>(
          "query ($id: ID!) { packageInstallation(id: $id) { id status error image { packages { manager name version } } } }",
          {
            id: installPackages.id,
          },
        );
        context.output.result(
          packageInstallation,
          () =>
            `install ${packageInstallation.id}: ${packageInstallation.status}${packageInstallation.error ? `\n${packageInstallation.error}` : ""}`,
        );
        return packageInstallation.status === "SUCCEEDED" ? 0 : 1;
      }),
    );
}

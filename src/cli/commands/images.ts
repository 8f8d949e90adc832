/** create, images, remove-image, install-package, cancel-build and cancel-install. */
import type { Command } from "commander";
import { languageNames, managerNames } from "../../domain/language-phrases.js";
import { languageCatalog } from "../../languages/catalog.js";
import { action } from "../action.js";
import { languageArgument, managerArgument } from "../enum-names.js";
import { graphql, type ResultOf } from "../graphql.js";
import { CliError } from "../graphql-client.js";
import { type Output, table } from "../output.js";

const JobLogLineFields = graphql(`
  fragment JobLogLine on BuildLogLine {
    seq
    at
    line
    final
    status
    error
  }
`);

const ImageBuildLogsSubscription = graphql(
  `
  subscription ImageBuildLogs($id: ID!) {
    imageBuildLogs(id: $id) {
      ...JobLogLine
    }
  }
`,
  [JobLogLineFields],
);

const PackageInstallationLogsSubscription = graphql(
  `
  subscription PackageInstallationLogs($id: ID!) {
    packageInstallationLogs(id: $id) {
      ...JobLogLine
    }
  }
`,
  [JobLogLineFields],
);

const CreateImageMutation = graphql(`
  mutation CreateImage($input: CreateImageInput!) {
    createImage(input: $input) {
      id
      name
    }
  }
`);

const ImagesQuery = graphql(`
  query Images {
    images {
      id
      name
      status
      languages
      sizeBytes
      packages {
        manager
        name
        version
      }
    }
  }
`);

const RemoveImageMutation = graphql(`
  mutation RemoveImage($id: ID!) {
    removeImage(id: $id)
  }
`);

const InstallPackagesMutation = graphql(`
  mutation InstallPackages($input: InstallPackagesInput!) {
    installPackages(input: $input) {
      id
    }
  }
`);

const CancelImageBuildMutation = graphql(`
  mutation CancelImageBuild($id: ID!) {
    cancelImageBuild(id: $id) {
      id
      name
      status
      error
    }
  }
`);

const CancelPackageInstallationMutation = graphql(`
  mutation CancelPackageInstallation($id: ID!) {
    cancelPackageInstallation(id: $id) {
      id
      status
      error
    }
  }
`);

type JobLogLine = ResultOf<typeof JobLogLineFields>;

/** "image demo 3d1f…: FAILED", then the error on its own line. */
function summary(subject: string, status: string | null, error: string | null): string {
  return `${subject}: ${status ?? "unknown"}${error ? `\n${error}` : ""}\n`;
}

/**
 * Prints a build's or an install's log lines as they come (unless quiet) and returns its final
 * event, which carries the outcome: its status, and its error when it failed.
 */
async function followJob(
  output: Output,
  subscribe: (onLine: (line: JobLogLine) => void) => Promise<void>,
  quiet = false,
): Promise<JobLogLine> {
  const finals: JobLogLine[] = [];
  await subscribe((line) => {
    if (line.final) finals.push(line);
    if (!quiet) output.item(line, () => (line.final && line.line === "" ? null : `${line.line}\n`));
  });
  const [final] = finals;
  if (!final) throw new CliError("the log ended without its final status; the server may be too old for this CLI", 1);
  return final;
}

/**
 * Prints a job's outcome (a JSON line with --json; a failure on stderr) and returns the exit code:
 * 0 when it SUCCEEDED.
 */
function reportOutcome(output: Output, subject: { id: string; label: string }, final: JobLogLine): number {
  const succeeded = final.status === "SUCCEEDED";
  output.item({ id: subject.id, status: final.status, error: final.error }, () => {
    const text = summary(subject.label, final.status, final.error);
    if (succeeded) return text;
    process.stderr.write(text);
    return null;
  });
  return succeeded ? 0 : 1;
}

export function registerImageCommands(program: Command): void {
  const catalog = languageCatalog();
  program
    .command("create")
    .description("build an image with the given languages, streaming the build log; exits 0 when it succeeded")
    .argument("<languages...>", languageNames(catalog))
    .requiredOption("--image-name <name>", "the image's name (Docker's rules: lower case, digits, . _ - /)")
    .option("-q, --quiet", "print only the image's id once it is built, not the build log")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor create python node csharp --image-name my-multi-lang")
    .action(
      action(async ({ client, output }, languages: string[], options: { imageName: string; quiet?: boolean }) => {
        const { createImage: image } = await client.request(CreateImageMutation, {
          input: { name: options.imageName, languages: languages.map(languageArgument) },
        });
        if (!options.quiet && !output.json) {
          process.stderr.write(`building image ${image.name} (${image.id}); cancel-build ${image.id} stops it ...\n`);
        }
        const final = await followJob(
          output,
          (onLine) =>
            client.subscribe(ImageBuildLogsSubscription, { id: image.id }, (data) => onLine(data.imageBuildLogs)),
          options.quiet,
        );
        if (options.quiet && final.status === "SUCCEEDED") {
          process.stdout.write(`${image.id}\n`);
          return 0;
        }
        return reportOutcome(output, { id: image.id, label: `image ${image.name} ${image.id}` }, final);
      }),
    );

  program
    .command("images")
    .description("list images, the default one first")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor images")
    .action(
      action(async ({ client, output }) => {
        const { images } = await client.request(ImagesQuery);
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
        const result = await client.request(RemoveImageMutation, { id });
        output.result(result, () => `removed image ${id}`);
        return 0;
      }),
    );

  program
    .command("install-package")
    .description("install packages into an image, streaming the manager's output; exits 0 when it succeeded")
    .argument("<image-id>", "the image (`default` for the default image)")
    .argument("<language-or-manager>", managerNames(catalog))
    .argument("<specs...>", "package specs: requests==2.31.0, lodash@4.17.21, Newtonsoft.Json==13.0.3, jq")
    .addHelpText("after", '\nExample:\n  $ mcp-docker-executor install-package default python "requests==2.31.0"')
    .action(
      action(async ({ client, output }, imageId: string, manager: string, specs: string[]) => {
        const { installPackages: installation } = await client.request(InstallPackagesMutation, {
          input: { imageId, manager: managerArgument(manager), packages: specs, wait: false },
        });
        if (!output.json) {
          process.stderr.write(`install ${installation.id}; cancel-install ${installation.id} stops it ...\n`);
        }
        const final = await followJob(output, (onLine) =>
          client.subscribe(PackageInstallationLogsSubscription, { id: installation.id }, (data) =>
            onLine(data.packageInstallationLogs),
          ),
        );
        return reportOutcome(output, { id: installation.id, label: `install ${installation.id}` }, final);
      }),
    );

  program
    .command("cancel-build")
    .description("stop an image's build")
    .argument("<image-id>", "an image that is BUILDING (see images)")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor cancel-build 3d1f…")
    .action(
      action(async ({ client, output }, id: string) => {
        const { cancelImageBuild: image } = await client.request(CancelImageBuildMutation, { id });
        output.result(image, () => summary(`image ${image.name} ${image.id}`, image.status, image.error));
        return 0;
      }),
    );

  program
    .command("cancel-install")
    .description("stop a package installation")
    .argument("<installation-id>", "the id install-package printed")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor cancel-install 7a2c…")
    .action(
      action(async ({ client, output }, id: string) => {
        const { cancelPackageInstallation: installation } = await client.request(CancelPackageInstallationMutation, {
          id,
        });
        output.result(installation, () =>
          summary(`install ${installation.id}`, installation.status, installation.error),
        );
        return 0;
      }),
    );
}

/** upload-file, list-files, file, delete-file and file-stats. */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Command } from "commander";
import { action } from "../action.js";
import { languageArgument } from "../enum-names.js";
import { graphql } from "../graphql.js";
import { CliError } from "../graphql-client.js";
import { table } from "../output.js";

const FileSummaryFields = graphql(`
  fragment FileSummary on StoredFile {
    id
    name
    language
    sizeBytes
    sha256
    createdAt
  }
`);

const UploadFileMutation = graphql(
  `
  mutation UploadFile($input: UploadFileInput!) {
    uploadFile(input: $input) {
      ...FileSummary
    }
  }
`,
  [FileSummaryFields],
);

const FilesQuery = graphql(
  `
  query Files($first: Int) {
    files(first: $first) {
      totalCount
      edges {
        node {
          ...FileSummary
        }
      }
    }
  }
`,
  [FileSummaryFields],
);

const FileQuery = graphql(
  `
  query File($id: ID!) {
    file(id: $id) {
      ...FileSummary
      content
    }
  }
`,
  [FileSummaryFields],
);

const DeleteFileMutation = graphql(`
  mutation DeleteFile($id: ID!) {
    deleteFile(id: $id)
  }
`);

const FileStatsQuery = graphql(`
  query FileStats {
    fileStats {
      count
      totalBytes
      byLanguage {
        language
        count
      }
    }
  }
`);

export function registerFileCommands(program: Command): void {
  program
    .command("upload-file")
    .description("store a file, given as text or read from --path")
    .argument("[name]", "the file's name, e.g. hello.py")
    .argument("[content]", "its text")
    .argument("[language]", "its language (default: guessed from the name)")
    .option("--path <file>", "upload this local file (its base name unless a name is given)")
    .option("-q, --quiet", "print only the new file's id")
    .addHelpText(
      "after",
      `
Examples:
  $ mcp-docker-executor upload-file hello.py "print('Hello from Python!')"
  $ mcp-docker-executor upload-file --path ./hello.py`,
    )
    .action(
      action(
        async (
          { client, output },
          name: string | undefined,
          content: string | undefined,
          language: string | undefined,
          options: { path?: string; quiet?: boolean },
        ) => {
          const fileName = name ?? (options.path ? basename(options.path) : undefined);
          const text = options.path ? (await readFile(options.path)).toString("utf8") : content;
          if (!fileName || text === undefined) {
            throw new CliError("give a name and its content, or --path to a local file", 1);
          }
          const { uploadFile } = await client.request(UploadFileMutation, {
            input: { name: fileName, content: text, language: language ? languageArgument(language) : undefined },
          });
          if (options.quiet) {
            process.stdout.write(`${uploadFile.id}\n`);
            return 0;
          }
          output.result(
            uploadFile,
            () =>
              `stored ${uploadFile.name} as ${uploadFile.id} (${uploadFile.language ?? "no language"}, ${uploadFile.sizeBytes} bytes)`,
          );
          return 0;
        },
      ),
    );

  program
    .command("list-files")
    .description("list stored files, newest first")
    .option("--first <n>", "how many", Number, 50)
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor list-files")
    .action(
      action(async ({ client, output }, options: { first: number }) => {
        const { files } = await client.request(FilesQuery, { first: options.first });
        const nodes = files.edges.map((edge) => edge.node);
        output.result({ totalCount: files.totalCount, files: nodes }, () =>
          table(
            ["ID", "NAME", "LANGUAGE", "BYTES", "CREATED"],
            nodes.map((file) => [file.id, file.name, file.language, file.sizeBytes, file.createdAt]),
          ),
        );
        return 0;
      }),
    );

  program
    .command("file")
    .description("show a stored file and its content")
    .argument("<file-id>")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor file 5f0c…")
    .action(
      action(async ({ client, output }, id: string) => {
        const { file } = await client.request(FileQuery, { id });
        if (!file) throw new CliError(`NOT_FOUND: id ${id} names no stored file.`, 1);
        output.result(
          file,
          () =>
            `# ${file.name} (${file.language ?? "no language"}, ${file.sizeBytes} bytes, sha256 ${file.sha256})\n${file.content}`,
        );
        return 0;
      }),
    );

  program
    .command("delete-file")
    .description("delete a stored file")
    .argument("<file-id>")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor delete-file 5f0c…")
    .action(
      action(async ({ client, output }, id: string) => {
        const result = await client.request(DeleteFileMutation, { id });
        output.result(result, () => `deleted file ${id}`);
        return 0;
      }),
    );

  program
    .command("file-stats")
    .description("how many files are stored, their total size, and how many per language")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor file-stats")
    .action(
      action(async ({ client, output }) => {
        const { fileStats } = await client.request(FileStatsQuery);
        output.result(fileStats, () =>
          [
            `files: ${fileStats.count}`,
            `bytes: ${fileStats.totalBytes}`,
            ...fileStats.byLanguage.map((entry) => `${entry.language}: ${entry.count}`),
          ].join("\n"),
        );
        return 0;
      }),
    );
}

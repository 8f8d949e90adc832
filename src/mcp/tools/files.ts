/** Tools for stored files: thin adapters over the files service (the same files GraphQL lists). */
import { z } from "zod";
import { type StoredFile, storedFileSchema } from "../../domain/stored-file.js";
import { languageFromAlias } from "../../languages/aliases.js";
import type { Services } from "../../services/index.js";
import type { ToolKit } from "../caller.js";
import { isoDate, success } from "../tool-results.js";

/** What the file tools answer of a stored file (its createdAt as ISO-8601). */
const fileFields = storedFileSchema.pick({ id: true, name: true, language: true, sizeBytes: true, sha256: true });
const fileResult = fileFields.extend({ createdAt: isoDate });

const fileContent = (file: StoredFile) => ({ ...fileFields.parse(file), createdAt: file.createdAt.toISOString() });

export function registerFileTools(services: Services, { tool, callerOf, catalog }: ToolKit): void {
  const extensions = catalog.languages.flatMap((language) => language.fileExtensions).join(" ");
  tool(
    "upload_file",
    {
      title: "Store a file",
      description: `Stores a text file (at most 1 MiB by default) for later runs: execute_file runs it, and execute_code's
fileIds copies it next to the program (e.g. a helper module to import). The name is a plain file name, no folders; the
language is guessed from the extension (${extensions}) unless given.
Example: {"name": "helper.py", "content": "def double(x):\\n    return 2 * x\\n"}.`,
      input: { name: z.string(), content: z.string(), language: z.string().optional() },
      output: fileResult.shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (input, context) => {
      const file = await services.files.upload(callerOf(context), {
        name: input.name,
        content: input.content,
        language: input.language ? languageFromAlias(input.language) : undefined,
      });
      return success(
        `stored ${file.name} as ${file.id} (${file.language ?? "no language"}, ${file.sizeBytes} bytes)`,
        fileContent(file),
      );
    },
  );

  tool(
    "list_files",
    {
      title: "List stored files",
      description: 'Lists stored files, newest first (at most 100).\nExample: {"first": 10}.',
      input: { first: z.number().int().min(1).max(100).optional() },
      output: { totalCount: z.number().int(), files: z.array(fileResult) },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (input, context) => {
      const page = await services.files.page(callerOf(context), {
        first: input.first ?? 50,
        afterPosition: null,
        language: null,
      });
      const files = page.items.map(({ file }) => fileContent(file));
      const lines = files.map((file) => `${file.id} ${file.name} ${file.language ?? "-"} ${file.sizeBytes} bytes`);
      return success(`${page.totalCount} files\n${lines.join("\n")}`, { totalCount: page.totalCount, files });
    },
  );

  tool(
    "read_file",
    {
      title: "Read a stored file",
      description: 'Returns a stored file\'s text and details.\nExample: {"id": "<file id>"}.',
      input: { id: z.string() },
      output: fileResult.extend({ content: z.string() }).shape,
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (input, context) => {
      const file = await services.files.require(callerOf(context), input.id);
      const content = (await services.files.content(file)).toString("utf8");
      return success(content, { ...fileContent(file), content });
    },
  );

  tool(
    "delete_file",
    {
      title: "Delete a stored file",
      description: 'Deletes a stored file for good.\nExample: {"id": "<file id>"}.',
      input: { id: z.string() },
      output: { deleted: z.boolean() },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    },
    async (input, context) => {
      await services.files.delete(callerOf(context), input.id);
      return success(`deleted ${input.id}`, { deleted: true });
    },
  );
}

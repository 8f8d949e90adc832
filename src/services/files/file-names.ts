/**
 * Names of stored files: a single base name, refused (never rewritten) when it could be read as a
 * path, an option, or something the sandbox uses itself.
 */
import { SANDBOX_CONTROL_DIR } from "../../domain/engine.js";
import { ServiceError } from "../../domain/errors.js";
import { LANGUAGES, type LanguageId } from "../../languages/index.js";

const MAX_NAME_BYTES = 255;
/** Control characters (C0, DEL, C1): not printable. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f]/;

export function validateFileName(name: string, field = "name"): void {
  const refuse = (why: string) => {
    throw new ServiceError(
      "BAD_USER_INPUT",
      `${field} ${JSON.stringify(name)} is not accepted: ${why}. Give a single file name of 1 to ${MAX_NAME_BYTES} bytes of printable characters, without / \\ or .., not starting with -.`,
    );
  };
  const bytes = Buffer.byteLength(name);
  if (bytes === 0) refuse("it is empty");
  if (bytes > MAX_NAME_BYTES) refuse(`it is ${bytes} bytes long`);
  if (UNPRINTABLE.test(name)) refuse("it has a control character");
  if (name.includes("/") || name.includes("\\")) refuse("it is a path");
  if (name.includes("..") || name === ".") refuse("it names a folder");
  if (name.startsWith("-")) refuse("it starts with -");
  if (name === SANDBOX_CONTROL_DIR) refuse("the sandbox uses that name itself");
}

/** The language a name's extension says, or null. */
export function languageFromName(name: string): LanguageId | null {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return null;
  const extension = name.slice(dot).toLowerCase();
  const language = LANGUAGES.find(
    (candidate) => candidate.fileExtension === extension || candidate.otherExtensions.includes(extension),
  );
  return language?.id ?? null;
}

/**
 * What the service knows about one language. A language is a plugin: one folder holding its
 * definition (`plugin.ts`, a LanguageDefinition) and its in-image files (`image/`). The built-in
 * ones are src/languages/{python,node,csharp,bash,ruby}; third-party ones are loaded from
 * LANGUAGE_PLUGINS_DIR (see plugin-loader.ts).
 */
import { join } from "node:path";
import type { LanguageId, PackageManagerId } from "../domain/languages.js";
import { PROJECT_ROOT } from "../paths.js";
import type { PackageManagerDefinition } from "./package-manager.js";
import type { LanguageRecipe } from "./recipe.js";

export type { LanguageId, PackageManagerDefinition, PackageManagerId };

export interface LanguageDefinition {
  /** Its Language enum value: upper-case letters, digits and _, starting with a letter. */
  id: LanguageId;
  /** What people call it, as the console and descriptions name it ("Node.js", "C#"); default: its id. */
  name: string;
  /** The enum value's description in the schema; default: "ID, run as SOURCE_FILE_NAME". */
  description?: string;
  /** Other names people and models use for it (its id in lower case always works). */
  aliases: readonly string[];
  /** The extension of its source files, with the dot; also used to guess a stored file's language. */
  fileExtension: string;
  /** Other extensions that name this language. */
  otherExtensions: readonly string[];
  /** The name code sent with `execute` is stored under in /workspace. */
  sourceFileName: string;
  /**
   * The plugin's in-image files, copied into every image as /opt/sandbox/languages/ID (ID in lower
   * case): `bin/*` is put on PATH, `setup` runs once at image build as root, and `install-MANAGER`
   * is its package manager's installer, sourced by image/bin/sandbox-install.
   */
  imageFolder?: string;
  /** argv that runs a source file in /workspace (the file's name, then the user's arguments follow). */
  runCommand(sourceFile: string, version: string): string[];
  /** argv that prints the runtime's version, and how to read the version from its output. */
  /**
   * The versions an image can carry, each a layer of its own (one for most languages; Node.js 22
   * and 24, .NET 8 and 10). `versions` given to createImage pick among them by `line`.
   */
  versions: readonly RuntimeVersionDefinition[];
  /** The line an image gets when createImage names no version, and runs use when they name none. */
  defaultVersion: string;
  /**
   * Instructions that make `line` the version plain commands mean in the image (`node` on PATH),
   * after every version's own steps.
   */
  defaultSteps?(line: string): string[];
  packageManager: PackageManagerDefinition | null;
  /** What every version shares in an image (a package manager's own files, system libraries). */
  recipe: LanguageRecipe;
  /** Advisory findings of a simple look at the source: patterns and what they suggest. */
  analysisRules: readonly AnalysisRule[];
  /** A compiler kept warm in a container of its own (see services/sandbox/resident-compiler.ts). */
  residentCompiler?: ResidentCompilerDefinition;
}

/** What a resident compiler answered for one source file. */
export interface CompileResult {
  ok: boolean;
  /** The compiled program, when ok. */
  assembly: Buffer | null;
  /** The compiler's diagnostics, as the in-sandbox compile would print them. */
  log: string;
}

export interface ResidentCompilerDefinition {
  /** argv of the compile server for one version line: JSON requests and answers, one per line. */
  command(version: string): string[];
  /**
   * What the sandbox gets from a compile: files for /tmp (paths relative to it), and the argv that
   * runs the program or reports its compile error, exactly as `runCommand` would have.
   */
  prepare(
    sourceFile: string,
    version: string,
    result: CompileResult,
  ): { tmpFiles: { name: string; content: Buffer }[]; argv: string[] };
}

/** One version line of a language's runtime. */
export interface RuntimeVersionDefinition {
  /** What clients name it by: "22", "8", "3.11". A request names it, or a version it starts. */
  line: string;
  /** How this version gets into an image (after the language's shared recipe). */
  recipe: LanguageRecipe;
  /** argv that prints this version, and how to read the version from its output. */
  probe: { command: string[]; parse(output: string): string };
}

export interface AnalysisRule {
  pattern: RegExp;
  warning: string;
  /** The rule applies only when the run's limits.network is this; unset: always. */
  network?: boolean;
}

export const WARNINGS = {
  processSpawn: "spawns processes",
  network: "opens network connections",
  networkOff: "opens network connections, but limits.network is off",
  deleteOutsideWorkspace: "deletes files outside /workspace",
  writeOutsideWorkspace: "writes outside /workspace and /tmp (read-only there)",
  readsProcOrSys: "reads /proc or /sys (the host's figures, not the run's limits)",
} as const;

/**
 * The rules for a network call: with the network on it is only noted; with it off the call will
 * fail, and the warning says why.
 */
export function networkRules(pattern: RegExp): AnalysisRule[] {
  return [
    { pattern, warning: WARNINGS.network, network: true },
    { pattern, warning: WARNINGS.networkOff, network: false },
  ];
}

/** Paths where a run may write: everything else is the read-only root. */
export const WRITABLE = "(?!workspace\\b|tmp\\b)";

/** The first x.y.z-like version in a probe's output. */
export function firstVersion(output: string): string {
  const match = /\d+\.\d+(\.\d+)?([-+.\w]*)?/.exec(output);
  if (!match) throw new Error(`no version in probe output: ${JSON.stringify(output.slice(0, 200))}`);
  return match[0];
}

/** The in-image folder of a built-in language plugin (from the sources, whether run from src/ or dist/). */
export function builtInImageFolder(name: string): string {
  return join(PROJECT_ROOT, "src", "languages", name, "image");
}

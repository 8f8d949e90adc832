/**
 * What a language's package manager is: the names people use for it, the grammar its specs must
 * match, how a configured registry reaches the installer, and how the installer reports what it
 * installed. Each language module owns its manager (llm-sandbox's LanguageConfig does the same),
 * so adding a language with its manager touches only that module.
 */
import type { PackageManagerId } from "../domain/languages.js";

export interface PackageSpecGrammar {
  pattern: RegExp;
  /** What is accepted, for the refusal message. */
  accepted: string;
}

export interface InstalledPackageReport {
  name: string;
  version: string | null;
}

export interface PackageManagerDefinition {
  /** Its PackageManager enum value (upper case, like a language's id). */
  id: PackageManagerId;
  /** The enum value's description in the schema; default: "Packages for LANGUAGE_ID". */
  description?: string;
  /**
   * The environment variable of the server that names a registry for it (PIP_INDEX_URL, GEM_SOURCE);
   * its value reaches the installer through registryEnv. None: the manager's own default only.
   */
  registrySetting?: string;
  /** Other names for it (its own id and its language's, in lower case, always work). */
  aliases: readonly string[];
  /** Deliberately narrow: names and version pins only, never options, paths or URLs. */
  spec: PackageSpecGrammar;
  /**
   * Linux capabilities its installer needs as root in the install container, on top of none (every
   * other one is dropped). Measured: pip, npm and NuGet write only root's own prefix and need none.
   */
  installCapabilities: readonly string[];
  /** True when it installs into every image, whatever its languages (apt: every image is Debian). */
  servesEveryImage: boolean;
  /** The installer's environment for a configured registry (PIP_INDEX_URL and the like). */
  registryEnv(url: string): string[];
  /** Reads one line of the installer's output; a package it installed, or null. */
  parseInstalled(line: string): InstalledPackageReport | null;
}

const INSTALLED_LINE = /^::installed (\S+) (\S*)$/;

/**
 * The protocol of image/bin/sandbox-install, whichever manager it drives: one
 * `::installed NAME VERSION` line per package it installed.
 */
export function parseInstalledLine(line: string): InstalledPackageReport | null {
  const match = INSTALLED_LINE.exec(line);
  return match ? { name: match[1] as string, version: match[2] || null } : null;
}

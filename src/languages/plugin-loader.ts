/**
 * Loads third-party language plugins from LANGUAGE_PLUGINS_DIR at start: each subfolder holds
 * plugin.js (or plugin.mjs) whose default export is a LanguageDefinition, and optionally image/ (its
 * in-image files). Every plugin is validated (plugin-schema.ts) and checked against the registry
 * and the plugins before it; any failure stops the start with a message naming the file.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError, messageOf } from "../domain/errors.js";
import type { LanguageCatalog } from "../domain/languages.js";
import { languageCatalog } from "./catalog.js";
import { LANGUAGES, registerLanguages } from "./index.js";
import type { LanguageDefinition } from "./language.js";
import { type PackageManagerDefinition, parseInstalledLine } from "./package-manager.js";
import { describeIssue, pluginSchema } from "./plugin-schema.js";

/** A plugin that cannot be used: its message names the setting, the file and what is wrong. */
export class LanguagePluginError extends ConfigError {
  constructor(file: string, problem: string) {
    super(`LANGUAGE_PLUGINS_DIR: ${file}: ${problem}`);
  }
}

const ENTRY_FILES = ["plugin.js", "plugin.mjs"];

/**
 * The plugins of a folder, validated, in the order of their folder names; not registered yet.
 * `known` are the languages they must not collide with (the registry's, by default).
 */
export async function loadLanguagePlugins(
  dir: string,
  known: readonly LanguageDefinition[] = LANGUAGES,
): Promise<LanguageDefinition[]> {
  const loaded: LanguageDefinition[] = [];
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
  for (const folder of folders) {
    const pluginDir = resolve(dir, folder);
    const file = ENTRY_FILES.map((name) => join(pluginDir, name)).find((candidate) => existsSync(candidate));
    if (!file) throw new LanguagePluginError(pluginDir, `holds no ${ENTRY_FILES.join(" or ")}`);
    const plugin = await loadPlugin(file, pluginDir);
    checkUnique(file, plugin, [...known, ...loaded]);
    loaded.push(plugin);
  }
  return loaded;
}

/**
 * Loads and registers the plugins of LANGUAGE_PLUGINS_DIR (none when it is null), and answers the
 * catalog of every language now registered: what the composition root builds the API from.
 */
export async function registerLanguagePlugins(dir: string | null): Promise<LanguageCatalog> {
  if (dir !== null) registerLanguages(await loadLanguagePlugins(dir));
  return languageCatalog();
}

async function loadPlugin(file: string, pluginDir: string): Promise<LanguageDefinition> {
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new LanguagePluginError(file, `cannot be loaded: ${messageOf(error)}`);
  }
  if (module.default === undefined) {
    throw new LanguagePluginError(file, "has no default export (it must `export default` a LanguageDefinition)");
  }
  const parsed = pluginSchema.safeParse(module.default);
  if (!parsed.success) throw new LanguagePluginError(file, describeIssue(parsed.error, module.default));

  // The definition itself is used (its functions keep their object), with the optional fields filled.
  const definition = module.default as LanguageDefinition;
  const imageFolder = imageFolderOf(file, pluginDir, definition.imageFolder);
  const manager = definition.packageManager;
  if (manager && !(imageFolder && existsSync(join(imageFolder, `install-${manager.id.toLowerCase()}`)))) {
    throw new LanguagePluginError(
      file,
      `packageManager ${manager.id} needs its installer, image/install-${manager.id.toLowerCase()} (sourced by sandbox-install)`,
    );
  }
  return {
    ...definition,
    name: definition.name ?? definition.id,
    aliases: definition.aliases ?? [],
    otherExtensions: definition.otherExtensions ?? [],
    imageFolder,
    packageManager: manager ? withManagerDefaults(manager) : null,
  };
}

/** The plugin's imageFolder (relative to its folder), else its image/ folder when it has one. */
function imageFolderOf(file: string, pluginDir: string, given: string | undefined): string | undefined {
  const folder = given === undefined ? join(pluginDir, "image") : resolve(pluginDir, given);
  const isFolder = existsSync(folder) && statSync(folder).isDirectory();
  if (given !== undefined && !isFolder) throw new LanguagePluginError(file, `imageFolder ${folder} is not a folder`);
  return isFolder ? folder : undefined;
}

function withManagerDefaults(manager: PackageManagerDefinition): PackageManagerDefinition {
  return {
    ...manager,
    aliases: manager.aliases ?? [],
    servesEveryImage: manager.servesEveryImage ?? false,
    installCapabilities: manager.installCapabilities ?? [],
    registryEnv: manager.registryEnv ?? (() => []),
    parseInstalled: manager.parseInstalled ?? parseInstalledLine,
  };
}

/** Its id, its manager's id and every name they are known by are free (aliases.ts reads them all). */
function checkUnique(file: string, plugin: LanguageDefinition, others: readonly LanguageDefinition[]): void {
  const taken = others.find((other) => other.id === plugin.id);
  if (taken) throw new LanguagePluginError(file, `id ${plugin.id} is taken by another language`);
  const languageNames = new Map(
    others.flatMap((other) => [other.id.toLowerCase(), ...other.aliases].map((name) => [name, other.id])),
  );
  for (const alias of plugin.aliases) {
    const owner = languageNames.get(alias);
    if (owner) throw new LanguagePluginError(file, `alias ${JSON.stringify(alias)} is already a name of ${owner}`);
  }
  const owner = languageNames.get(plugin.id.toLowerCase());
  if (owner) throw new LanguagePluginError(file, `id ${plugin.id} is already an alias of ${owner}`);

  const manager = plugin.packageManager;
  if (!manager) return;
  const managers = others.flatMap((other) => (other.packageManager ? [other] : []));
  const managerTaken = managers.find((other) => other.packageManager?.id === manager.id);
  if (managerTaken) {
    throw new LanguagePluginError(file, `packageManager.id ${manager.id} is taken by ${managerTaken.id}'s manager`);
  }
  const managerNames = new Map(
    managers.flatMap((other) => {
      const { id, aliases } = other.packageManager as PackageManagerDefinition;
      return [id.toLowerCase(), other.id.toLowerCase(), ...aliases].map((name) => [name, id]);
    }),
  );
  for (const name of [manager.id.toLowerCase(), plugin.id.toLowerCase(), ...manager.aliases]) {
    const ownerOfName = managerNames.get(name);
    if (ownerOfName) {
      throw new LanguagePluginError(
        file,
        `packageManager name ${JSON.stringify(name)} is already a name of ${ownerOfName}`,
      );
    }
  }
}

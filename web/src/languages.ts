/**
 * The server's languages (Query.languages): the console's language and package-manager lists and
 * the names it shows come from there, so a language plugin appears in every view by itself.
 */
import { useEffect, useState } from "preact/hooks";
import { request } from "./graphql";

export interface LanguageInfo {
  language: string;
  name: string;
  packageManager: string | null;
}

const QUERY = "{ languages { language name packageManager } }";

/** Asked once per page load (the list changes only when the server restarts); asked again after a failure. */
let asked: Promise<LanguageInfo[]> | null = null;

function languagesOnce(): Promise<LanguageInfo[]> {
  asked ??= request<{ languages: LanguageInfo[] }>(QUERY).then(
    (data) => data.languages,
    (error) => {
      asked = null;
      throw error;
    },
  );
  return asked;
}

export interface Languages {
  /** In the server's order; empty until they arrive. */
  languages: LanguageInfo[];
  /** The package managers of those languages, in the same order. */
  managers: string[];
  /** What people call a language ("Node.js"); its id until the list arrives. */
  nameOf(language: string): string;
  error: unknown;
}

export function useLanguages(): Languages {
  const [languages, setLanguages] = useState<LanguageInfo[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    languagesOnce().then(setLanguages, setError);
  }, []);
  return {
    languages,
    managers: languages.flatMap((entry) => (entry.packageManager ? [entry.packageManager] : [])),
    nameOf: (language) => languages.find((entry) => entry.language === language)?.name ?? language,
    error,
  };
}

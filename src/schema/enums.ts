/**
 * The contract's enums that mirror the service's own lists. Language and PackageManager hold one
 * value per language and manager of the catalog the schema is built from (see index.ts), so a
 * plugin of LANGUAGE_PLUGINS_DIR adds its values by itself.
 */

import type { EXECUTION_STATUSES, OUTPUT_STREAMS } from "../domain/execution.js";
import type { Isolation } from "../domain/isolation.js";
import { servesEveryImage } from "../domain/language-phrases.js";
import type { LanguageCatalog } from "../domain/languages.js";
import type { Builder } from "./builder.js";

export function enumTypes(builder: Builder, catalog: LanguageCatalog) {
  const LanguageEnum = builder.enumType("Language", {
    description:
      "A language the sandbox runs. The default image has all of them; `runtimes` gives their versions. Code sent to execute runs from /workspace as the source file named below.",
    values: Object.fromEntries(
      catalog.languages.map((language) => [language.id, { description: language.description }]),
    ),
  });

  const everyImage = servesEveryImage(catalog);
  const PackageManagerEnum = builder.enumType("PackageManager", {
    description: `A package manager of installPackages. Each installs into its own language's environment, so the image must have that language${everyImage ? `; ${everyImage}` : ""}.`,
    values: Object.fromEntries(catalog.managers.map((manager) => [manager.id, { description: manager.description }])),
  });

  const OutputStreamEnum = builder.enumType("OutputStream", {
    description: "Which of the program's output streams a chunk was written to.",
    values: {
      STDOUT: { description: "Standard output." },
      STDERR: { description: "Standard error." },
    } satisfies Record<(typeof OUTPUT_STREAMS)[number], object>,
  });

  const ExecutionStatusEnum = builder.enumType("ExecutionStatus", {
    description:
      "Where an execution is: QUEUED, then RUNNING, then one of the final statuses (every status but QUEUED and RUNNING), which never changes again.",
    values: {
      QUEUED: { description: "waiting for a place: at most executionPolicy.maxConcurrency executions run at once" },
      RUNNING: { description: "its container is being started or is running the program" },
      SUCCEEDED: { description: "exited with code 0" },
      FAILED: { description: "exited with a non-zero code" },
      TIMED_OUT: { description: "killed at limits.timeoutMs" },
      OOM_KILLED: { description: "killed by the memory limit" },
      CANCELLED: { description: "cancelExecution was called, or a subscriber left with cancelOnUnsubscribe: true" },
      ERROR: { description: "the service could not run it (image missing, Docker unreachable...); see error" },
    } satisfies Record<(typeof EXECUTION_STATUSES)[number], object>,
  });

  const IsolationEnum = builder.enumType("Isolation", {
    description:
      "How strongly a run is kept from the host. The server's SANDBOX_RUNTIME sets the default; health's containerRuntimes says which are set up.",
    values: {
      STANDARD: { description: "runc: namespaces and cgroups on the host's kernel (the fastest start)." },
      STRONG: {
        description:
          "gVisor's runsc: the program talks to a kernel of gVisor's own in user space, not the host's; no network; starts about twice as slowly.",
      },
    } satisfies Record<Isolation, object>,
  });

  return { LanguageEnum, PackageManagerEnum, OutputStreamEnum, ExecutionStatusEnum, IsolationEnum };
}

export type EnumRefs = ReturnType<typeof enumTypes>;

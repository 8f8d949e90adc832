/** The contract's enums that mirror the service's own lists. */

import type { EXECUTION_STATUSES, OUTPUT_STREAMS } from "../domain/execution.js";
import type { Isolation } from "../domain/isolation.js";
import type { LanguageId, PackageManagerId } from "../domain/languages.js";
import { builder } from "./builder.js";

export const LanguageEnum = builder.enumType("Language", {
  description:
    "A language the sandbox runs. The default image has all of them; `runtimes` gives their versions. Code sent to execute runs from /workspace as the source file named below.",
  values: {
    PYTHON: { description: "Python 3, run as main.py with `python3 -u` (unbuffered output); packages with PIP." },
    NODE: {
      description: "Node.js, run as main.js (CommonJS; import() for ES modules); packages with NPM.",
    },
    CSHARP: {
      description:
        "C#: one file of top-level statements (Program.cs), compiled and run with .NET; packages with NUGET.",
    },
    BASH: { description: "Bash, run as main.sh; system packages with APT." },
  } satisfies Record<LanguageId, object>,
});

export const PackageManagerEnum = builder.enumType("PackageManager", {
  description:
    "A package manager of installPackages. Each installs into its own language's environment, so the image must have that language; APT serves every image.",
  values: {
    PIP: {
      description:
        "Python packages from PyPI (or the server's PIP_INDEX_URL), into the image's Python virtual environment.",
    },
    NPM: {
      description:
        "Node.js packages from the npm registry (or the server's NPM_REGISTRY), found by require and import.",
    },
    NUGET: {
      description:
        "NuGet packages (from NuGet's default source or the server's NUGET_SOURCE) that C# programs can use.",
    },
    APT: { description: "Debian packages (programs and libraries) from the image's apt sources; serves every image." },
  } satisfies Record<PackageManagerId, object>,
});

export const OutputStreamEnum = builder.enumType("OutputStream", {
  description: "Which of the program's output streams a chunk was written to.",
  values: {
    STDOUT: { description: "Standard output." },
    STDERR: { description: "Standard error." },
  } satisfies Record<(typeof OUTPUT_STREAMS)[number], object>,
});

export const ExecutionStatusEnum = builder.enumType("ExecutionStatus", {
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

export const IsolationEnum = builder.enumType("Isolation", {
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

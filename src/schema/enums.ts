/** The contract's enums that mirror the service's own lists. */

import { type EXECUTION_STATUSES, OUTPUT_STREAMS } from "../domain/execution.js";
import { LANGUAGE_IDS, PACKAGE_MANAGERS } from "../domain/languages.js";
import { builder } from "./builder.js";

export const LanguageEnum = builder.enumType("Language", { values: LANGUAGE_IDS });
export const PackageManagerEnum = builder.enumType("PackageManager", { values: PACKAGE_MANAGERS });
export const OutputStreamEnum = builder.enumType("OutputStream", { values: OUTPUT_STREAMS });
export const ExecutionStatusEnum = builder.enumType("ExecutionStatus", {
  values: {
    QUEUED: {},
    RUNNING: {},
    SUCCEEDED: { description: "exited with code 0" },
    FAILED: { description: "exited with a non-zero code" },
    TIMED_OUT: { description: "killed at limits.timeoutMs" },
    OOM_KILLED: { description: "killed by the memory limit" },
    CANCELLED: { description: "cancelExecution was called" },
    ERROR: { description: "the service could not run it (image missing, Docker unreachable...); see error" },
  } satisfies Record<(typeof EXECUTION_STATUSES)[number], object>,
});

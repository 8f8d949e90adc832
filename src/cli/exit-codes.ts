/** The CLI's exit code for a finished execution: the program's own, or what timeout(1) and shells use. */
export function exitCodeOf(execution: { status: string; exitCode: number | null }): number {
  switch (execution.status) {
    case "SUCCEEDED":
    case "FAILED":
      return execution.exitCode ?? 1;
    case "TIMED_OUT":
      return 124;
    case "OOM_KILLED":
      return 137;
    case "CANCELLED":
      return 130;
    default:
      return 1;
  }
}

/** Small waits shared by the integration tests. */
import { type ExecutionStatus, isFinalStatus } from "../../src/domain/execution.js";
import { isFinalJobStatus, type JobStatus } from "../../src/domain/image.js";
import { follow, type TestServer } from "./test-server.js";
import { waitFor } from "./wait-for.js";

/** What a wait needs of a server: its GraphQL requests (a TestServer, or a server process). */
export type GraphQLRequester = Pick<TestServer, "request">;

/** Polls image(id) until it leaves BUILDING; returns its final status and error. */
export async function waitForImage(
  server: GraphQLRequester,
  id: string,
  timeoutMs = 600_000,
): Promise<{ status: string; error: string | null }> {
  return waitFor(
    async () => {
      const { data } = await server.request<{ image: { status: string; error: string | null } }>(
        "query ($id: ID!) { image(id: $id) { status error } }",
        { id },
      );
      return data?.image && data.image.status !== "BUILDING" ? data.image : undefined;
    },
    { timeoutMs, intervalMs: 500, what: `image ${id} to leave BUILDING` },
  );
}

export interface EndedExecution {
  status: string;
  stdout: string;
  error: string | null;
}

/** Polls execution(id) until it has ended; returns its final status, stdout and error. */
export async function waitForExecution(
  server: GraphQLRequester,
  id: string,
  timeoutMs = 60_000,
): Promise<EndedExecution> {
  return waitFor(
    async () => {
      const { data } = await server.request<{ execution: EndedExecution }>(
        "query ($id: ID!) { execution(id: $id) { status stdout error } }",
        { id },
      );
      return data?.execution && isFinalStatus(data.execution.status as ExecutionStatus) ? data.execution : undefined;
    },
    { timeoutMs, what: `execution ${id} to end` },
  );
}

export interface OutputWait {
  /** What the output so far must satisfy; by default that there is some. */
  until?: (output: string) => boolean;
  timeoutMs?: number;
  /** What is awaited, for the failure message. */
  what?: string;
}

/**
 * Follows executionLogs(id) until the program's output so far satisfies `until` (by default: it
 * has printed anything, so the program is under way and not only its container); returns it.
 */
export async function waitForOutput(
  server: Pick<TestServer, "wsClient">,
  id: string,
  {
    until = (output) => output.length > 0,
    timeoutMs = 30_000,
    what = `execution ${id} to print its first line`,
  }: OutputWait = {},
): Promise<string> {
  const logs = follow<{ executionLogs: { data: string } }>(
    server.wsClient(),
    "subscription ($id: ID!) { executionLogs(id: $id) { data } }",
    { id },
  );
  // Completed or failed: no more output is coming.
  let ended = false;
  const end = () => {
    ended = true;
  };
  logs.done.then(end, end);
  const output = () => {
    const failed = logs.received.find((result) => result.value.errors);
    if (failed) throw new Error(`executionLogs(${id}) failed: ${JSON.stringify(failed.value.errors)}`);
    return logs.received.map((result) => result.value.data?.executionLogs.data ?? "").join("");
  };
  try {
    const found = await waitFor(
      () => {
        const text = output();
        if (until(text)) return { text };
        if (ended) throw new Error(`execution ${id} ended, or its logs failed, with output ${JSON.stringify(text)}`);
        return null;
      },
      { timeoutMs, what },
    );
    return found.text;
  } finally {
    logs.stop();
  }
}

export interface EndedInstallation {
  status: string;
  error: string | null;
  log: string;
}

/** Polls packageInstallation(id) until it has ended; returns its final status, error and log. */
export async function waitForInstallation(
  server: GraphQLRequester,
  id: string,
  timeoutMs = 300_000,
): Promise<EndedInstallation> {
  return waitFor(
    async () => {
      const { data } = await server.request<{ packageInstallation: EndedInstallation }>(
        "query ($id: ID!) { packageInstallation(id: $id) { status error log } }",
        { id },
      );
      const found = data?.packageInstallation;
      return found && isFinalJobStatus(found.status as JobStatus) ? found : undefined;
    },
    { timeoutMs, intervalMs: 500, what: `installation ${id} to end` },
  );
}

/** Small waits shared by the integration tests. */
import { type ExecutionStatus, isFinalStatus } from "../../src/domain/execution.js";
import { isFinalJobStatus, type JobStatus } from "../../src/domain/image.js";
import type { TestServer } from "./test-server.js";
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

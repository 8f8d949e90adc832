/** Small waits shared by the integration tests. */
import type { TestServer } from "./test-server.js";
import { waitFor } from "./wait-for.js";

/** Polls image(id) until it leaves BUILDING; returns its final status and error. */
export async function waitForImage(
  server: TestServer,
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

/** Small waits shared by the integration tests. */
import type { TestServer } from "./test-server.js";

/** Polls image(id) until it leaves BUILDING; returns its final status and error. */
export async function waitForImage(
  server: TestServer,
  id: string,
  timeoutMs = 600_000,
): Promise<{ status: string; error: string | null }> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const { data } = await server.request<{ image: { status: string; error: string | null } }>(
      "query ($id: ID!) { image(id: $id) { status error } }",
      { id },
    );
    if (data?.image && data.image.status !== "BUILDING") return data.image;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`image ${id} still BUILDING after ${timeoutMs} ms`);
}

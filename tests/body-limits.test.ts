/**
 * The body and document size rules through the real server: a file of exactly FILES_MAX_BYTES
 * uploads as JSON and as multipart and one byte more is refused with nothing stored; a body over
 * the cap is refused at once (by Content-Length) or while it streams (chunked); a 5 MB document is
 * refused fast, /health keeps answering while it arrives, and such documents leave no memory behind.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restingRss } from "./support/memory.js";
import { CSRF_HEADER, uploadForm } from "./support/multipart.js";
import { type GraphQLResponse, startTestServer, type TestServer } from "./support/test-server.js";

const FILE_BYTES = 64 * 1024;
const UPLOAD = "mutation ($input: UploadFileInput!) { uploadFile(input: $input) { sizeBytes } }";
const PIECE = 64 * 1024;

interface RawAnswer {
  status: number;
  body: GraphQLResponse;
  /** performance.now() when the response began. */
  at: number;
}

/**
 * POSTs pieces of a body one by one, `gapMs` apart, and stops sending once the server answers.
 * Without `contentLength` the body is sent chunked.
 */
/** The admin's Authorization header, once the server has started: every request here is a real caller's. */
const auth: Record<string, string> = {};

function send(
  url: string,
  options: { contentType: string; contentLength?: number; pieces: Iterable<Buffer>; gapMs?: number },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      "content-type": options.contentType,
      "x-graphql-yoga-csrf": "1",
      ...auth,
    };
    if (options.contentLength !== undefined) headers["content-length"] = options.contentLength;
    let answered = false;
    const request = httpRequest(url, { method: "POST", headers }, (response) => {
      answered = true;
      const at = performance.now();
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()), at }),
      );
    });
    request.on("error", (error) => {
      // Once answered, the server closes the connection on the rest of the body: EPIPE is expected.
      if (!answered) reject(error);
    });
    void (async () => {
      for (const piece of options.pieces) {
        if (answered || request.destroyed) return;
        request.write(piece);
        if (options.gapMs) await new Promise((resolve) => setTimeout(resolve, options.gapMs));
      }
      request.end();
    })();
  });
}

/** `total` bytes of `body`, cut into PIECE-sized buffers (the pieces repeat `filler` past its end). */
function* pieces(body: Buffer, total = body.length, filler = Buffer.alloc(PIECE, 0x20)): Generator<Buffer> {
  for (let offset = 0; offset < total; offset += PIECE) {
    const end = Math.min(offset + PIECE, total);
    yield offset < body.length ? body.subarray(offset, Math.min(end, body.length)) : filler.subarray(0, end - offset);
  }
}

/**
 * A JSON body holding a document of about 5 MB of aliases, and `stamp`, which numbers its first
 * alias (d000000): ten distinct documents then cost the client no new 5 MB each, so the memory
 * measured is the server's.
 */
function aliasBody(): { body: Buffer; stamp(serial: number): Buffer } {
  const aliases = ["d000000: __typename "];
  for (let index = 0, length = 0; length < 5_000_000; index++) {
    const alias = `a${index}: __typename `;
    aliases.push(alias);
    length += alias.length;
  }
  const body = Buffer.from(JSON.stringify({ query: `{ ${aliases.join("")}}` }));
  const at = body.indexOf("d000000") + 1;
  return {
    body,
    stamp(serial) {
      body.write(String(serial).padStart(6, "0"), at, "latin1");
      return body;
    },
  };
}

/** Sends a 5 MB document, `gapMs` between its 64 KB pieces. */
function sendDocument(url: string, body: Buffer, gapMs?: number): Promise<RawAnswer> {
  return send(url, { contentType: "application/json", contentLength: body.length, pieces: pieces(body), gapMs });
}

function multipartUpload(url: string, content: string) {
  return fetch(url, { method: "POST", body: uploadForm("data.txt", content), headers: { ...CSRF_HEADER, ...auth } });
}

describe("with FILES_MAX_BYTES of 64 KiB", () => {
  let server: TestServer;
  const fileCount = async () =>
    (await server.request<{ fileStats: { count: number } }>("{ fileStats { count } }")).data?.fileStats.count;

  beforeAll(async () => {
    server = await startTestServer({ FILES_MAX_BYTES: String(FILE_BYTES) });
    Object.assign(auth, server.authHeaders());
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("stores a file of exactly FILES_MAX_BYTES as JSON (even all escapes) and as multipart", async () => {
    for (const content of ["x".repeat(FILE_BYTES), "\u0001".repeat(FILE_BYTES)]) {
      const { data, errors } = await server.request(UPLOAD, { input: { name: "data.txt", content } });
      expect(errors).toBeUndefined();
      expect(data).toEqual({ uploadFile: { sizeBytes: FILE_BYTES } });
    }
    const response = await multipartUpload(server.url, "y".repeat(FILE_BYTES));
    expect(await response.json()).toEqual({ data: { uploadFile: { sizeBytes: FILE_BYTES } } });
  });

  it("refuses one byte more with LIMIT_EXCEEDED both ways, and stores nothing", async () => {
    const before = await fileCount();
    const json = await server.request(UPLOAD, { input: { name: "data.txt", content: "x".repeat(FILE_BYTES + 1) } });
    expect(json.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    const multipart = (await (await multipartUpload(server.url, "y".repeat(FILE_BYTES + 1))).json()) as GraphQLResponse;
    expect(multipart.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    expect(multipart.errors?.[0]?.message).toContain(`at most ${FILE_BYTES}`);
    expect(await fileCount()).toBe(before);
  });

  it("refuses a body over the cap by its Content-Length at once, while /health answers", async () => {
    const cap = server.config.graphql.maxBodyBytes;
    const started = performance.now();
    const answer = send(server.url, {
      contentType: "application/json",
      contentLength: 1024 * 1024 * 1024,
      pieces: pieces(Buffer.from('{"query":"{ health { ok } }","variables":{"x":"'), 1024 * 1024 * 1024),
      gapMs: 1,
    });
    const healthStarted = performance.now();
    const health = await fetch(new URL("/health", server.url));
    const healthMs = performance.now() - healthStarted;
    const { status, body, at } = await answer;
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    expect(body.errors?.[0]?.message).toContain(`at most ${cap} bytes`);
    expect(body.errors?.[0]?.message).toContain("FILES_MAX_BYTES");
    // The bounds are the point: refused at once (not after reading the body), /health not held up.
    expect(at - started).toBeLessThan(100);
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(100);
    console.info(
      `1 GiB Content-Length refused in ${(at - started).toFixed(1)} ms; /health meanwhile ${healthMs.toFixed(1)} ms`,
    );
  });

  it.each([
    ["application/json", '{"query":"{ health { ok } }","variables":{"x":"'],
    ["multipart/form-data; boundary=b", '--b\r\nContent-Disposition: form-data; name="0"; filename="a"\r\n\r\n'],
  ])("refuses a chunked %s body once it streams past the cap", async (contentType, head) => {
    const cap = server.config.graphql.maxBodyBytes;
    const { status, body } = await send(server.url, { contentType, pieces: pieces(Buffer.from(head), 4 * cap) });
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    expect(body.errors?.[0]?.message).toContain(`at most ${cap} bytes`);
  });
});

describe("a 5 MB document", () => {
  let server: TestServer;
  beforeAll(async () => {
    // The default FILES_MAX_BYTES (1 MiB) lets a 5 MB body in: the document cap must refuse it.
    server = await startTestServer();
    Object.assign(auth, server.authHeaders());
    expect(server.config.graphql.maxBodyBytes).toBeGreaterThan(5_100_000);
    await server.request("{ health { ok } }");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("leaves a multipart request room for content of FILES_MAX_BYTES inside its operations field", async () => {
    const content = "x".repeat(server.config.maxFileBytes);
    const form = new FormData();
    form.append("operations", JSON.stringify({ query: UPLOAD, variables: { input: { name: "big.txt", content } } }));
    const response = await fetch(server.url, { method: "POST", body: form, headers: { ...CSRF_HEADER, ...auth } });
    expect(await response.json()).toEqual({ data: { uploadFile: { sizeBytes: server.config.maxFileBytes } } });
  });

  it("is refused in under 100 ms, before it is parsed", async () => {
    const body = aliasBody().stamp(1);
    const started = performance.now();
    const { body: result, at } = await sendDocument(server.url, body);
    const elapsed = at - started;
    expect(result.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    expect(result.errors?.[0]?.message).toContain("at most 100000 (GRAPHQL_MAX_DOCUMENT_BYTES)");
    // The bound is the point: refused before the 5 MB are parsed.
    expect(elapsed).toBeLessThan(100);
    console.info(`5 MB document refused ${elapsed.toFixed(1)} ms after it was sent`);
  });

  it("leaves /health answering within 100 ms while it arrives slowly", async () => {
    const answer = sendDocument(server.url, aliasBody().stamp(2), 10);
    let arrived = false;
    void answer.then(() => {
      arrived = true;
    });
    const latencies: number[] = [];
    while (!arrived) {
      const started = performance.now();
      expect((await fetch(new URL("/health", server.url))).status).toBe(200);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { status, body: result } = await answer;
    expect(status).toBe(200);
    expect(result.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    expect(latencies.length).toBeGreaterThan(10);
    // The bound is the point: the slow document never holds /health up.
    expect(Math.max(...latencies)).toBeLessThan(100);
    console.info(
      `/health during a slow 5 MB document: ${latencies.length} answers, slowest ${Math.max(...latencies).toFixed(1)} ms`,
    );
  });

  it("ten distinct ones leave the server's memory within 50 MB of where it started", async () => {
    const document = aliasBody();
    const before = await restingRss();
    for (let serial = 10; serial < 20; serial++) {
      const { body: result } = await sendDocument(server.url, document.stamp(serial));
      expect(result.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    }
    const growth = (await restingRss()) - before;
    expect(growth).toBeLessThan(50 * 1024 * 1024);
    console.info(`RSS after ten 5 MB documents: ${(growth / 1024 / 1024).toFixed(1)} MB from where it started`);
  });
});

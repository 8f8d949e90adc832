/**
 * Stored files through the real server: uploads as text and as a browser-style multipart
 * request, names and limits, statistics, pagination, persistence, shared blobs, and runs.
 */
import { readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER } from "./support/multipart.js";
import { makeDataDir, startTestServer, type TestServer } from "./support/test-server.js";

const UPLOAD = `mutation ($input: UploadFileInput!) { uploadFile(input: $input) { id name language sizeBytes sha256 content } }`;
const STATS = "{ fileStats { count totalBytes byLanguage { language count } } }";
const EXECUTE_FILE = `mutation ($input: ExecuteFileInput!) { executeFile(input: $input) {
  status stdout stderr exitCode file { id name } } }`;

interface Stored {
  id: string;
  name: string;
  language: string | null;
  sizeBytes: number;
  sha256: string;
  content: string;
}

describe("files", () => {
  let dataDir: string;
  let server: TestServer;
  const upload = async (input: Record<string, unknown>) => {
    const { data, errors } = await server.request<{ uploadFile: Stored }>(UPLOAD, { input });
    expect(errors).toBeUndefined();
    return data?.uploadFile as Stored;
  };
  const stats = async () => (await server.request<{ fileStats: Record<string, unknown> }>(STATS)).data?.fileStats;
  const blobCount = () =>
    readdirSync(join(dataDir, "blobs"))
      .filter((shard) => shard !== "incoming")
      .flatMap((shard) => readdirSync(join(dataDir, "blobs", shard))).length;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    server = await startTestServer({}, { dataDir });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    ["hello.py", 'print("Hello from Python!")', "PYTHON", "Hello from Python!\n"],
    ["hello.js", 'console.log("Hello from Node.js!");', "NODE", "Hello from Node.js!\n"],
    ["hello.cs", 'Console.WriteLine("Hello from C#!");', "CSHARP", "Hello from C#!\n"],
  ])("stores the seed's %s and runs it under its own name", async (name, content, language, greeting) => {
    const file = await upload({ name, content });
    expect(file).toMatchObject({ name, language, sizeBytes: Buffer.byteLength(content), content });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { data } = await server.request<{ executeFile: Record<string, unknown> }>(EXECUTE_FILE, {
      input: { fileId: file.id },
    });
    expect(data?.executeFile).toMatchObject({ status: "SUCCEEDED", stdout: greeting, file: { id: file.id, name } });
  });

  it("names the file in a traceback", async () => {
    const file = await upload({ name: "broken.py", content: "raise ValueError('boom')" });
    const { data } = await server.request<{ executeFile: { status: string; stderr: string } }>(EXECUTE_FILE, {
      input: { fileId: file.id },
    });
    expect(data?.executeFile.status).toBe("FAILED");
    expect(data?.executeFile.stderr).toContain('File "/workspace/broken.py"');
  });

  it("stores a multipart upload sent as a browser sends it, and runs it", async () => {
    const form = new FormData();
    form.append(
      "operations",
      JSON.stringify({
        query:
          'mutation ($file: File!) { uploadFile(input: { name: "upload.py", file: $file }) { id name language content } }',
        variables: { file: null },
      }),
    );
    form.append("map", JSON.stringify({ 0: ["variables.file"] }));
    form.append("0", new Blob(["print('sent as multipart')\n"], { type: "text/x-python" }), "upload.py");
    const response = await fetch(server.url, {
      method: "POST",
      body: form,
      headers: { ...CSRF_HEADER, ...server.authHeaders() },
    });
    const { data, errors } = await response.json();
    expect(errors).toBeUndefined();
    expect(data.uploadFile).toMatchObject({
      name: "upload.py",
      language: "PYTHON",
      content: "print('sent as multipart')\n",
    });
    const run = await server.request<{ executeFile: { stdout: string } }>(EXECUTE_FILE, {
      input: { fileId: data.uploadFile.id },
    });
    expect(run.data?.executeFile.stdout).toBe("sent as multipart\n");
  });

  it("refuses an upload over the size limit and stores nothing", async () => {
    const before = await stats();
    const { errors } = await server.request(UPLOAD, {
      input: { name: "big.txt", content: "x".repeat(2 * 1024 * 1024) },
    });
    expect(errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    expect(await stats()).toEqual(before);
  });

  it.each([["../../etc/passwd"], ["a/b.py"], [""], ["nul\u0000.py"], ["-rf.py"], [`${"n".repeat(297)}.py`]])(
    "refuses the name %j and stores nothing",
    async (name) => {
      const before = await stats();
      const { errors } = await server.request(UPLOAD, { input: { name, content: "print(1)" } });
      expect(errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(errors?.[0]?.message).toContain("name");
      expect(await stats()).toEqual(before);
    },
  );

  it("refuses content and file together, and neither", async () => {
    const neither = await server.request(UPLOAD, { input: { name: "x.py" } });
    expect(neither.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const form = new FormData();
    form.append(
      "operations",
      JSON.stringify({
        query:
          'mutation ($file: File!) { uploadFile(input: { name: "both.py", content: "print(1)", file: $file }) { id } }',
        variables: { file: null },
      }),
    );
    form.append("map", JSON.stringify({ 0: ["variables.file"] }));
    form.append("0", new Blob(["print(2)"]), "both.py");
    const both = await (
      await fetch(server.url, { method: "POST", body: form, headers: { ...CSRF_HEADER, ...server.authHeaders() } })
    ).json();
    expect(both.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("keeps statistics right through uploads and deletes", async () => {
    const before = (await stats()) as {
      count: number;
      totalBytes: number;
      byLanguage: { language: string; count: number }[];
    };
    const count = (language: string, of = before) =>
      of.byLanguage.find((entry) => entry.language === language)?.count ?? 0;
    const shell = await upload({ name: "tool.sh", content: "echo hi" });
    const notes = await upload({ name: "notes.txt", content: "plain" });
    const forced = await upload({ name: "script.txt", content: "print(2)", language: "PYTHON" });
    expect(notes.language).toBeNull();
    expect(forced.language).toBe("PYTHON");
    const middle = (await stats()) as typeof before;
    expect(middle.count).toBe(before.count + 3);
    expect(middle.totalBytes).toBe(before.totalBytes + 7 + 5 + 8);
    expect(count("BASH", middle)).toBe(count("BASH") + 1);
    expect(count("PYTHON", middle)).toBe(count("PYTHON") + 1);
    for (const file of [shell, notes, forced]) {
      const { data } = await server.request<{ deleteFile: boolean }>("mutation ($id: ID!) { deleteFile(id: $id) }", {
        id: file.id,
      });
      expect(data?.deleteFile).toBe(true);
    }
    expect(await stats()).toEqual(before);
    const again = await server.request("mutation ($id: ID!) { deleteFile(id: $id) }", { id: shell.id });
    expect(again.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("shares one blob between equal uploads, and deleting one leaves the other readable", async () => {
    const blobsBefore = blobCount();
    const content = `shared ${Date.now()}`;
    const first = await upload({ name: "one.txt", content });
    const second = await upload({ name: "two.txt", content });
    expect(second.sha256).toBe(first.sha256);
    expect(blobCount()).toBe(blobsBefore + 1);
    await server.request("mutation ($id: ID!) { deleteFile(id: $id) }", { id: first.id });
    const { data } = await server.request<{ file: { content: string } }>(
      "query ($id: ID!) { file(id: $id) { content } }",
      {
        id: second.id,
      },
    );
    expect(data?.file.content).toBe(content);
    await server.request("mutation ($id: ID!) { deleteFile(id: $id) }", { id: second.id });
    expect(blobCount()).toBe(blobsBefore);
  });

  it("pages 25 files by 10, newest first, visiting each once", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 25; index++)
      ids.push((await upload({ name: `page-${index}.sh`, content: `echo ${index}` })).id);
    const seen: string[] = [];
    let after: string | null = null;
    type Page = {
      files: {
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
        totalCount: number;
      };
    };
    for (let pages = 1; ; pages++) {
      const response: { data?: Page } = await server.request<Page>(
        "query ($after: String) { files(first: 10, after: $after, language: BASH) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }",
        { after },
      );
      const page = response.data?.files as Page["files"];
      seen.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      // A next page past the last one that totalCount allows would never end: fail instead.
      expect(pages, `page ${pages} of ${page.totalCount} files says there is a next one`).toBeLessThan(
        Math.ceil(page.totalCount / 10),
      );
      after = page.pageInfo.endCursor;
    }
    expect(seen.slice(0, 25)).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("copies stored files passed as fileIds, so code imports an uploaded helper", async () => {
    const helper = await upload({ name: "helper.py", content: "def greet(name):\n    return f'hello, {name}'\n" });
    const { data } = await server.request<{ execute: { status: string; stdout: string } }>(
      "mutation ($input: ExecuteInput!) { execute(input: $input) { status stdout } }",
      { input: { language: "PYTHON", code: "from helper import greet\nprint(greet('main'))", fileIds: [helper.id] } },
    );
    expect(data?.execute).toEqual({ status: "SUCCEEDED", stdout: "hello, main\n" });
    const missing = await server.request("mutation ($input: ExecuteInput!) { execute(input: $input) { id } }", {
      input: { language: "PYTHON", code: "print(1)", fileIds: ["no-such-file"] },
    });
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("runs a file with the language given, and refuses a file with none", async () => {
    const notes = await upload({ name: "run-me.txt", content: "echo as bash" });
    const none = await server.request(EXECUTE_FILE, { input: { fileId: notes.id } });
    expect(none.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const given = await server.request<{ executeFile: { stdout: string } }>(EXECUTE_FILE, {
      input: { fileId: notes.id, language: "BASH" },
    });
    expect(given.data?.executeFile.stdout).toBe("as bash\n");
  });

  it("lists the same files, sha256 and content after a restart", async () => {
    const query = "{ files(first: 100) { totalCount edges { node { id name sha256 content language } } } }";
    const before = (await server.request(query)).data;
    await server.stop();
    server = await startTestServer({}, { dataDir });
    expect((await server.request(query)).data).toEqual(before);
  });
});

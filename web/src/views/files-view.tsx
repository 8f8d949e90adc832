/** Files: upload (pick or drop, as a GraphQL multipart request), list page by page, view, run, delete; the stats. */
import { useEffect, useState } from "preact/hooks";
import { ErrorMessage } from "../errors";
import { useExecutionStream } from "../execution-stream";
import { request, uploadRequest } from "../graphql";
import { useLanguages } from "../languages";
import { ExecutionOutcome, OutputView } from "../output";
import { Link } from "../router";

interface StoredFile {
  id: string;
  name: string;
  language: string | null;
  sizeBytes: number;
  createdAt: string;
}

interface Stats {
  count: number;
  totalBytes: number;
  byLanguage: { language: string; count: number }[];
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: StoredFile }[];
}

const PAGE_SIZE = 20;
const LIST = `query Files($first: Int, $after: String) {
  files(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name language sizeBytes createdAt } }
  }
}`;
const STATS = "{ fileStats { count totalBytes byLanguage { language count } } }";
const UPLOAD =
  "mutation Upload($name: String!, $file: File!) { uploadFile(input: { name: $name, file: $file }) { id name } }";
const CONTENT = "query Content($id: ID!) { file(id: $id) { id content } }";
const RUN = "mutation RunFile($input: ExecuteFileInput!) { executeFile(input: $input) { id } }";
const DELETE = "mutation Delete($id: ID!) { deleteFile(id: $id) }";

export function FilesView() {
  const [files, setFiles] = useState<StoredFile[]>([]);
  const [page, setPage] = useState<Page | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [viewed, setViewed] = useState<{ id: string; name: string; content: string } | null>(null);
  const [ran, setRan] = useState<{ executionId: string; name: string } | null>(null);
  const { nameOf } = useLanguages();
  const stream = useExecutionStream(ran?.executionId ?? null);

  async function loadPage(after: string | null) {
    try {
      const { files: next } = await request<{ files: Page }>(LIST, { first: PAGE_SIZE, after });
      setPage(next);
      setFiles((previous) => [...(after ? previous : []), ...next.edges.map((edge) => edge.node)]);
    } catch (caught) {
      setError(caught);
    }
  }
  const loadStats = () => request<{ fileStats: Stats }>(STATS).then((data) => setStats(data.fileStats), setError);
  const reload = () => Promise.all([loadPage(null), loadStats()]);

  useEffect(() => {
    reload();
  }, []);

  async function upload(list: FileList | File[] | null) {
    if (!list || list.length === 0) return;
    setError(null);
    setUploading(true);
    try {
      for (const file of Array.from(list)) await uploadRequest(UPLOAD, { name: file.name }, file);
      await reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setUploading(false);
    }
  }

  async function view(file: StoredFile) {
    setError(null);
    try {
      const { file: found } = await request<{ file: { content: string } | null }>(CONTENT, { id: file.id });
      setViewed({ id: file.id, name: file.name, content: found?.content ?? "" });
    } catch (caught) {
      setError(caught);
    }
  }

  async function run(file: StoredFile) {
    setError(null);
    try {
      const { executeFile } = await request<{ executeFile: { id: string } }>(RUN, {
        input: { fileId: file.id, wait: false },
      });
      setRan({ executionId: executeFile.id, name: file.name });
    } catch (caught) {
      setError(caught);
    }
  }

  async function remove(file: StoredFile) {
    setError(null);
    try {
      await request(DELETE, { id: file.id });
      if (viewed?.id === file.id) setViewed(null);
      await reload();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <section class="view" aria-labelledby="files-heading">
      <h1 id="files-heading">Files</h1>
      {stats ? (
        <p class="stats">
          Stored: {stats.count} {stats.count === 1 ? "file" : "files"}, {stats.totalBytes} bytes
          {stats.byLanguage.length
            ? ` (${stats.byLanguage.map((entry) => `${nameOf(entry.language)}: ${entry.count}`).join(", ")})`
            : ""}
        </p>
      ) : null}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop target; the file input inside it is the keyboard's way. */}
      <div
        class={`dropzone${dragging ? " dragging" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          upload(event.dataTransfer?.files ?? null);
        }}
      >
        <label class="field">
          <span>Upload files (or drop them here)</span>
          <input
            type="file"
            multiple
            disabled={uploading}
            onChange={(event) => {
              const input = event.currentTarget;
              upload(input.files).finally(() => {
                input.value = "";
              });
            }}
          />
        </label>
        {uploading ? <span role="status">Uploading…</span> : null}
      </div>
      <ErrorMessage error={error} />
      <ul class="list" aria-label="Stored files">
        {files.map((file) => (
          <li key={file.id} class="list-item">
            <div class="item-row">
              <strong class="file-name">{file.name}</strong>
              <span>{file.language ? nameOf(file.language) : "no language"}</span>
              <span class="muted">{file.sizeBytes} bytes</span>
              <span class="muted">{new Date(file.createdAt).toLocaleString()}</span>
            </div>
            <div class="actions">
              <button type="button" onClick={() => view(file)} aria-label={`View ${file.name}`}>
                View
              </button>
              <button type="button" onClick={() => run(file)} aria-label={`Run ${file.name}`} disabled={!file.language}>
                Run
              </button>
              <button type="button" class="danger" onClick={() => remove(file)} aria-label={`Delete ${file.name}`}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      {page && files.length === 0 ? <p>No files yet.</p> : null}
      {page?.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => loadPage(page.pageInfo.endCursor)}>
          Load more files
        </button>
      ) : null}
      {viewed ? (
        <section
          class="panel"
          aria-label={`Content of ${viewed.name}`}
          onKeyDown={(event) => {
            if (event.key === "Escape") setViewed(null);
          }}
        >
          <div class="result-head">
            <h2>{viewed.name}</h2>
            <button type="button" onClick={() => setViewed(null)}>
              Close
            </button>
          </div>
          <pre class="output">{viewed.content}</pre>
        </section>
      ) : null}
      {ran ? (
        <section class="panel" aria-label={`Run of ${ran.name}`}>
          <div class="result-head">
            <h2>Run of {ran.name}</h2>
            <Link href={`/ui/executions/${ran.executionId}`}>Open execution {ran.executionId}</Link>
          </div>
          <ExecutionOutcome state={stream} />
          <OutputView chunks={stream.chunks} label="Output" />
          <ErrorMessage error={stream.error} />
        </section>
      ) : null}
    </section>
  );
}

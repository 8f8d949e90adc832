/** Executions: the history, newest first, filtered by status and language, loading more on scroll. */
import { useEffect, useRef, useState } from "preact/hooks";
import { ErrorMessage } from "../errors";
import { request } from "../graphql";
import { useLanguages } from "../languages";
import { Link } from "../router";

const STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "OOM_KILLED", "CANCELLED", "ERROR"];
const PAGE_SIZE = 20;

interface ExecutionItem {
  id: string;
  status: string;
  language: string;
  exitCode: number | null;
  durationMs: number | null;
  createdAt: string;
  file: { name: string } | null;
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: ExecutionItem }[];
}

const LIST = `query History($first: Int, $after: String, $status: ExecutionStatus, $language: Language) {
  executions(first: $first, after: $after, status: $status, language: $language) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id status language exitCode durationMs createdAt file { name } } }
  }
}`;

export function ExecutionsView() {
  const [status, setStatus] = useState("");
  const [language, setLanguage] = useState("");
  const [items, setItems] = useState<ExecutionItem[]>([]);
  const [page, setPage] = useState<Page | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const { languages, nameOf, error: languagesError } = useLanguages();
  // Answers of an older filter are dropped.
  const generation = useRef(0);

  async function load(after: string | null) {
    const mine = generation.current;
    setLoading(true);
    setError(null);
    try {
      const { executions } = await request<{ executions: Page }>(LIST, {
        first: PAGE_SIZE,
        after,
        status: status || null,
        language: language || null,
      });
      if (mine !== generation.current) return;
      setPage(executions);
      setItems((previous) => [...(after ? previous : []), ...executions.edges.map((edge) => edge.node)]);
    } catch (caught) {
      if (mine === generation.current) setError(caught);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }

  useEffect(() => {
    generation.current += 1;
    setItems([]);
    setPage(null);
    load(null);
  }, [status, language]);

  // The sentinel below the list loads the next page when it scrolls into view.
  useEffect(() => {
    const target = sentinel.current;
    if (!target || !page?.pageInfo.hasNextPage || loading || error) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        load(page.pageInfo.endCursor);
      }
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [page, loading, error]);

  return (
    <section class="view" aria-labelledby="executions-heading">
      <h1 id="executions-heading">Executions</h1>
      <ErrorMessage error={languagesError} />
      <div class="toolbar">
        <label class="field">
          <span>Status</span>
          <select value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
            <option value="">Any status</option>
            {STATUSES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Language</span>
          <select value={language} onChange={(event) => setLanguage(event.currentTarget.value)}>
            <option value="">Any language</option>
            {languages.map(({ language: id, name }) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {page ? <p class="count">{page.totalCount} in all</p> : null}
      </div>
      <ul class="list" aria-label="Execution history">
        {items.map((item) => (
          <li key={item.id} class="list-item">
            <Link href={`/ui/executions/${item.id}`} class="item-link">
              <span class={`badge status-${item.status.toLowerCase()}`}>{item.status}</span>
              <span>{nameOf(item.language)}</span>
              {item.file ? <span class="muted">{item.file.name}</span> : null}
              <span class="muted">{new Date(item.createdAt).toLocaleString()}</span>
              {item.exitCode !== null ? <span>exit {item.exitCode}</span> : null}
              {item.durationMs !== null ? <span>{item.durationMs} ms</span> : null}
              <code class="id">{item.id}</code>
            </Link>
          </li>
        ))}
      </ul>
      {page && items.length === 0 && !loading ? <p>No executions match.</p> : null}
      <ErrorMessage error={error}>
        {" "}
        <button type="button" onClick={() => load(page?.pageInfo.endCursor ?? null)}>
          Try again
        </button>
      </ErrorMessage>
      <div ref={sentinel} class="sentinel" aria-hidden="true" />
      {loading ? (
        <p class="muted" role="status">
          Loading…
        </p>
      ) : null}
    </section>
  );
}

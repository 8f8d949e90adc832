/**
 * The live log of an image build or a package installation (imageBuildLogs,
 * packageInstallationLogs): lines after the last seq shown, then live ones, then the final line
 * with the outcome.
 */
import { useEffect, useState } from "preact/hooks";
import { ErrorMessage } from "./errors";
import { type ApiError, followStream } from "./graphql";

interface LogLine {
  seq: number;
  line: string;
  final: boolean;
  status: string | null;
  error: string | null;
}

const QUERIES = {
  build: `subscription BuildLog($id: ID!, $afterSeq: Int) {
  imageBuildLogs(id: $id, afterSeq: $afterSeq) { seq line final status error }
}`,
  install: `subscription InstallLog($id: ID!, $afterSeq: Int) {
  packageInstallationLogs(id: $id, afterSeq: $afterSeq) { seq line final status error }
}`,
};
const FIELDS = { build: "imageBuildLogs", install: "packageInstallationLogs" };

export function JobLog(props: {
  kind: "build" | "install";
  id: string;
  title: string;
  /** What the job is doing until its final line (BUILDING, or the installation's status). */
  runningStatus: string;
  onFinished?(status: string | null): void;
  onCancel?(): void;
}) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [final, setFinal] = useState<LogLine | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    setLines([]);
    setFinal(null);
    setError(null);
    return followStream<LogLine>(QUERIES[props.kind], FIELDS[props.kind], { id: props.id }, 0, {
      onItem(line) {
        setLines((previous) => [...previous, line]);
        if (line.final) {
          setFinal(line);
          props.onFinished?.(line.status);
        }
      },
      onError: setError,
      onComplete: () => undefined,
    });
  }, [props.kind, props.id]);

  const label = props.kind === "build" ? "Build" : "Installation";
  return (
    <div class="job">
      <div class="result-head">
        <h3>{props.title}</h3>
        <output
          class={`status status-${(final?.status ?? props.runningStatus).toLowerCase()}`}
          aria-label={`${label} status`}
        >
          {final?.status ?? props.runningStatus}
        </output>
        {!final && props.onCancel ? (
          <button type="button" onClick={props.onCancel}>
            Cancel {label.toLowerCase()}
          </button>
        ) : null}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it. */}
      <pre class="output" role="log" aria-label={`${label} log`} aria-live="polite" tabIndex={0}>
        {lines.length === 0 ? <span class="muted">Waiting for the first line…</span> : null}
        {lines.map((line) => (
          <div key={line.seq} class={line.final ? "final-line" : undefined}>
            {line.line}
          </div>
        ))}
      </pre>
      {final?.error ? <p class="run-error">Error: {final.error}</p> : null}
      <ErrorMessage error={error} />
    </div>
  );
}

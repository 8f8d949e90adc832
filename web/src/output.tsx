/** A program's output (stdout and stderr apart, ANSI colours shown) and its outcome. */
import { type Chunk, type ExecutionStreamState, FINAL_STATUSES } from "./execution-stream";
import { UsagePanel } from "./usage-panel";

interface Run {
  stream: Chunk["stream"];
  html: string;
  seq: number;
}

/** Consecutive chunks of one stream, joined: a label marks each switch to stderr. */
function runsOf(chunks: Chunk[]): Run[] {
  const runs: Run[] = [];
  for (const chunk of chunks) {
    const last = runs.at(-1);
    if (last && last.stream === chunk.stream) last.html += chunk.html;
    else runs.push({ stream: chunk.stream, html: chunk.html, seq: chunk.seq });
  }
  return runs;
}

export function OutputView({ chunks, label }: { chunks: Chunk[]; label: string }) {
  return (
    <pre
      class="output"
      role="log"
      aria-label={label}
      aria-live="polite"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
      tabIndex={0}
    >
      {chunks.length === 0 ? <span class="muted">No output yet.</span> : null}
      {runsOf(chunks).map((run) => (
        <span
          key={run.seq}
          class={`stream ${run.stream === "STDERR" ? "stderr" : "stdout"}`}
          title={run.stream === "STDERR" ? "standard error" : undefined}
          dangerouslySetInnerHTML={{ __html: run.html }}
        />
      ))}
    </pre>
  );
}

/** Status, exit code, duration, truncation and resource usage of the followed execution. */
export function ExecutionOutcome({ state }: { state: ExecutionStreamState }) {
  const { status, result } = state;
  const running = status === "RUNNING" && !state.done;
  return (
    <>
      <div class="outcome">
        <output class={`status status-${(status ?? "none").toLowerCase()}`} aria-label="Execution status">
          {status ?? "STARTING"}
        </output>
        {result?.exitCode !== null && result?.exitCode !== undefined ? <span>Exit code: {result.exitCode}</span> : null}
        {result?.durationMs !== null && result?.durationMs !== undefined ? (
          <span>Duration: {result.durationMs} ms</span>
        ) : null}
        {result?.outputTruncated ? (
          <span class="truncated" role="note">
            Output truncated: the output limit was reached and the rest was dropped.
          </span>
        ) : null}
        {result?.error ? <span class="run-error">Error: {result.error}</span> : null}
      </div>
      <UsagePanel id={state.id} running={running && !FINAL_STATUSES.has(status ?? "")} usage={result?.usage ?? null} />
    </>
  );
}

/** One execution, at /ui/executions/ID: its whole event log replayed, then followed live while it runs. */
import { useEffect, useState } from "preact/hooks";
import type { Limits } from "../../../src/domain/limits";
import { ErrorMessage } from "../errors";
import { useExecutionStream } from "../execution-stream";
import { ApiError, request } from "../graphql";
import { useLanguages } from "../languages";
import { ExecutionOutcome, OutputView } from "../output";
import { Link } from "../router";

interface ExecutionDetails {
  id: string;
  language: string;
  createdAt: string;
  image: { id: string; name: string } | null;
  file: { id: string; name: string } | null;
  limits: Limits;
  warnings: string[];
}

const DETAILS = `query Execution($id: ID!) {
  execution(id: $id) {
    id language createdAt warnings
    image { id name }
    file { id name }
    limits { timeoutMs memoryMb cpus pids outputLimitBytes network }
  }
}`;
const CANCEL = "mutation Cancel($id: ID!) { cancelExecution(id: $id) { id status } }";

export function ExecutionView({ id }: { id: string }) {
  const [details, setDetails] = useState<ExecutionDetails | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { nameOf } = useLanguages();
  const stream = useExecutionStream(id);

  useEffect(() => {
    setDetails(null);
    setError(null);
    request<{ execution: ExecutionDetails | null }>(DETAILS, { id }).then((data) => {
      if (data.execution) setDetails(data.execution);
      else setError(new ApiError("NOT_FOUND", `No execution ${id}.`));
    }, setError);
  }, [id]);

  const running = stream.status === "QUEUED" || stream.status === "RUNNING";
  return (
    <section class="view" aria-labelledby="execution-heading">
      <p>
        <Link href="/ui/executions">← All executions</Link>
      </p>
      <h1 id="execution-heading">
        Execution <code class="id">{id}</code>
      </h1>
      <ErrorMessage error={error} />
      {details ? (
        <dl class="facts">
          <dt>Language</dt>
          <dd>{nameOf(details.language)}</dd>
          <dt>Started</dt>
          <dd>{new Date(details.createdAt).toLocaleString()}</dd>
          <dt>Image</dt>
          <dd>{details.image?.name ?? "removed"}</dd>
          {details.file ? (
            <>
              <dt>File</dt>
              <dd>{details.file.name}</dd>
            </>
          ) : null}
          <dt>Limits</dt>
          <dd>
            {details.limits.timeoutMs} ms, {details.limits.memoryMb} MiB, {details.limits.cpus} CPU,{" "}
            {details.limits.pids} processes, {details.limits.outputLimitBytes} bytes of output, network{" "}
            {details.limits.network ? "on" : "off"}
          </dd>
          {details.warnings.length ? (
            <>
              <dt>Warnings</dt>
              <dd>{details.warnings.join("; ")}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <div class="result-head">
        <ExecutionOutcome state={stream} />
        {running ? (
          <button type="button" onClick={() => request(CANCEL, { id }).catch(setError)}>
            Cancel
          </button>
        ) : null}
      </div>
      <OutputView chunks={stream.chunks} label="Output" />
      {/* A missing execution is said once, above. */}
      <ErrorMessage error={error ? null : stream.error} />
    </section>
  );
}

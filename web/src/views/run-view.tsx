/**
 * Run: pick a language, write code, run it (Ctrl/Cmd-Enter) and watch its output live. The run is
 * started with execute(wait: false) and followed with executionEvents, so a dropped socket
 * resumes from the last event shown.
 */
import { useEffect, useState } from "preact/hooks";
import type { Limits } from "../../../src/domain/limits";
import { CodeEditor } from "../editor";
import { ErrorMessage } from "../errors";
import { FINAL_STATUSES, useExecutionStream } from "../execution-stream";
import { request } from "../graphql";
import { useLanguages } from "../languages";
import { ExecutionOutcome, OutputView } from "../output";
import { Link } from "../router";

interface Runtime {
  language: string;
  version: string;
}

interface ImageChoice {
  id: string;
  name: string;
  status: string;
  languages: string[];
}

interface Policy {
  defaults: Limits;
  networkAllowed: boolean;
}

/** A first program for some languages; any other starts with an empty editor. */
const SAMPLES: Record<string, string> = {
  PYTHON:
    'import time\n\nfor i in range(1, 4):\n    print(f"Hello {i} from Python", flush=True)\n    time.sleep(0.3)\n',
  NODE: 'console.log("Hello from Node.js", process.version);\n',
  CSHARP: 'Console.WriteLine("Hello from C#!");\n',
  BASH: 'echo "Hello from Bash $BASH_VERSION"\necho "\\e[32mgreen\\e[0m and to stderr" >&2\n',
};

const SETUP = `{
  runtimes { language version }
  images { id name status languages }
  executionPolicy { networkAllowed defaults { timeoutMs memoryMb cpus pids outputLimitBytes network } }
}`;

const EXECUTE = "mutation Run($input: ExecuteInput!) { execute(input: $input) { id status } }";
const CANCEL = "mutation Cancel($id: ID!) { cancelExecution(id: $id) { id status } }";

type LimitName = "timeoutMs" | "memoryMb" | "cpus" | "pids" | "outputLimitBytes";
const LIMIT_FIELDS: [LimitName, string][] = [
  ["timeoutMs", "Timeout (ms)"],
  ["memoryMb", "Memory (MiB)"],
  ["cpus", "CPUs"],
  ["pids", "Processes"],
  ["outputLimitBytes", "Output limit (bytes)"],
];

export function RunView() {
  const [runtimes, setRuntimes] = useState<Runtime[]>([]);
  const [images, setImages] = useState<ImageChoice[]>([]);
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [setupError, setSetupError] = useState<unknown>(null);
  const [language, setLanguage] = useState("PYTHON");
  const [code, setCode] = useState(SAMPLES.PYTHON as string);
  /** Counts the times the code was replaced by a sample (the editor then shows it). */
  const [replaced, setReplaced] = useState(0);
  const [stdin, setStdin] = useState("");
  const [args, setArgs] = useState("");
  const [imageId, setImageId] = useState("");
  const [limits, setLimits] = useState<Partial<Record<LimitName, string>>>({});
  const [network, setNetwork] = useState<"" | "on" | "off">("");
  const [executionId, setExecutionId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const stream = useExecutionStream(executionId);
  const { languages, nameOf, error: languagesError } = useLanguages();

  useEffect(() => {
    request<{ runtimes: Runtime[]; images: ImageChoice[]; executionPolicy: Policy }>(SETUP).then((data) => {
      setRuntimes(data.runtimes);
      setImages(data.images);
      setPolicy(data.executionPolicy);
    }, setSetupError);
  }, []);

  const running = executionId !== null && !stream.done && !FINAL_STATUSES.has(stream.status ?? "") && !stream.error;
  const busy = starting || running;

  function chooseLanguage(next: string) {
    // Keep what was typed; replace only an untouched sample.
    if (code === SAMPLES[language] || code.trim() === "") {
      setCode(SAMPLES[next] ?? "");
      setReplaced((count) => count + 1);
    }
    setLanguage(next);
  }

  async function run() {
    if (busy) return;
    setActionError(null);
    setStarting(true);
    const limitInput: Record<string, number | boolean> = {};
    for (const [name] of LIMIT_FIELDS) {
      const value = limits[name]?.trim();
      if (value) limitInput[name] = Number(value);
    }
    if (network) limitInput.network = network === "on";
    const input = {
      language,
      code,
      wait: false,
      ...(stdin ? { stdin } : {}),
      ...(args.trim() ? { args: args.split("\n").filter((line) => line !== "") } : {}),
      ...(imageId ? { imageId } : {}),
      ...(Object.keys(limitInput).length ? { limits: limitInput } : {}),
    };
    try {
      const { execute } = await request<{ execute: { id: string } }>(EXECUTE, { input });
      setExecutionId(execute.id);
    } catch (error) {
      setActionError(error);
    } finally {
      setStarting(false);
    }
  }

  async function cancel() {
    if (!executionId) return;
    try {
      await request(CANCEL, { id: executionId });
    } catch (error) {
      setActionError(error);
    }
  }

  const versions = new Map(runtimes.map((runtime) => [runtime.language, runtime.version]));

  return (
    <section
      class="view run-view"
      aria-labelledby="run-heading"
      onKeyDown={(event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
          event.preventDefault();
          run();
        }
      }}
    >
      <h1 id="run-heading">Run code</h1>
      <ErrorMessage error={setupError} />
      <ErrorMessage error={languagesError} />
      <div class="toolbar">
        <label class="field">
          <span>Language</span>
          <select value={language} onChange={(event) => chooseLanguage(event.currentTarget.value)}>
            {languages.map(({ language: id, name }) => (
              <option key={id} value={id}>
                {name}
                {versions.get(id) ? ` ${versions.get(id)}` : ""}
              </option>
            ))}
          </select>
        </label>
        <div class="actions">
          <button type="button" class="primary" onClick={run} disabled={busy} title="Run (Ctrl+Enter or Cmd+Enter)">
            {starting ? "Starting…" : "Run"}
          </button>
          <button type="button" onClick={cancel} disabled={!running}>
            Cancel
          </button>
        </div>
      </div>
      <CodeEditor language={language} value={code} replaced={replaced} label="Code" onChange={setCode} onRun={run} />
      <p class="hint">Ctrl+Enter (Cmd+Enter on a Mac) runs the code.</p>
      <details
        class="advanced"
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.currentTarget.open = false;
            event.currentTarget.querySelector("summary")?.focus();
          }
        }}
      >
        <summary>Advanced</summary>
        <div class="grid">
          <label class="field wide">
            <span>Standard input</span>
            <textarea rows={3} value={stdin} onInput={(event) => setStdin(event.currentTarget.value)} />
          </label>
          <label class="field wide">
            <span>Arguments (one per line)</span>
            <textarea rows={2} value={args} onInput={(event) => setArgs(event.currentTarget.value)} />
          </label>
          <label class="field">
            <span>Image</span>
            <select value={imageId} onChange={(event) => setImageId(event.currentTarget.value)}>
              <option value="">Default image</option>
              {images
                .filter((image) => image.id !== "default" && image.status === "READY")
                .map((image) => (
                  <option key={image.id} value={image.id}>
                    {image.name} ({image.languages.map(nameOf).join(", ")})
                  </option>
                ))}
            </select>
          </label>
          {LIMIT_FIELDS.map(([name, label]) => (
            <label class="field" key={name}>
              <span>{label}</span>
              <input
                type="number"
                min="0"
                step={name === "cpus" ? "0.1" : "1"}
                inputMode="decimal"
                placeholder={policy ? String(policy.defaults[name]) : ""}
                value={limits[name] ?? ""}
                onInput={(event) => setLimits({ ...limits, [name]: event.currentTarget.value })}
              />
            </label>
          ))}
          <label class="field">
            <span>Network</span>
            <select value={network} onChange={(event) => setNetwork(event.currentTarget.value as "" | "on" | "off")}>
              <option value="">Default ({policy?.defaults.network ? "on" : "off"})</option>
              <option value="on" disabled={policy ? !policy.networkAllowed : false}>
                On
              </option>
              <option value="off">Off</option>
            </select>
          </label>
        </div>
      </details>
      <ErrorMessage error={actionError} />
      {executionId ? (
        <div class="result">
          <div class="result-head">
            <h2>Output</h2>
            <Link href={`/ui/executions/${executionId}`}>Open execution {executionId}</Link>
          </div>
          <ExecutionOutcome state={stream} />
          <OutputView chunks={stream.chunks} label="Output" />
          <ErrorMessage error={stream.error} />
        </div>
      ) : null}
    </section>
  );
}

/**
 * Console transcripts as README shows them: `$ command` lines, each followed by its expected
 * output, where `…` stands for any text on its line and `⋮` for any number of lines.
 */
export interface TranscriptStep {
  command: string;
  expected: string[];
}

/** The steps of every ```console block under the given `## ` headings of a Markdown text. */
export function consoleSteps(markdown: string, headings: string[]): TranscriptStep[] {
  const steps: TranscriptStep[] = [];
  for (const heading of headings) {
    const start = markdown.indexOf(`\n## ${heading}\n`);
    if (start < 0) throw new Error(`no section "## ${heading}"`);
    const end = markdown.indexOf("\n## ", start + 1);
    const section = markdown.slice(start, end < 0 ? undefined : end);
    for (const block of section.matchAll(/```console\n([\s\S]*?)```/g)) {
      for (const line of (block[1] as string).split("\n")) {
        if (line.startsWith("$ ")) steps.push({ command: line.slice(2), expected: [] });
        else if (line !== "") steps.at(-1)?.expected.push(line);
      }
    }
  }
  return steps;
}

const normalize = (line: string) => line.trim().replace(/\s+/g, " ");

function lineMatches(pattern: string, line: string): boolean {
  const parts = normalize(pattern)
    .split("…")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*")}$`).test(normalize(line));
}

/** Whether the output lines match the expected ones. */
export function outputMatches(expected: string[], actual: string[]): boolean {
  const [first, ...rest] = expected;
  if (first === undefined) return actual.length === 0;
  if (first.trim() === "⋮") {
    for (let skip = 0; skip <= actual.length; skip++) if (outputMatches(rest, actual.slice(skip))) return true;
    return false;
  }
  return actual.length > 0 && lineMatches(first, actual[0] as string) && outputMatches(rest, actual.slice(1));
}

/** How the CLI prints: readable text by default, JSON (one document, or lines for streams) with --json. */
export interface Output {
  json: boolean;
  /** A whole result: JSON as it is, or the text that `human` makes of it. */
  result(value: unknown, human: () => string): void;
  /** One item of a stream: a JSON line, or the text that `human` makes of it (nothing when it returns null). */
  item(value: unknown, human: () => string | null): void;
}

export function createOutput(json: boolean, write = (text: string) => process.stdout.write(text)): Output {
  return {
    json,
    result(value, human) {
      write(json ? `${JSON.stringify(value, null, 2)}\n` : ensureNewline(human()));
    },
    item(value, human) {
      if (json) {
        write(`${JSON.stringify(value)}\n`);
        return;
      }
      const text = human();
      if (text !== null) write(text);
    },
  };
}

function ensureNewline(text: string): string {
  return text.endsWith("\n") || text === "" ? text : `${text}\n`;
}

/** Left-aligned columns with a header row. */
export function table(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [
    header,
    ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "-" : String(cell)))),
  ];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  return cells
    .map((row) =>
      row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  "),
    )
    .join("\n");
}

/**
 * A local stand-in for PyPI, which this machine cannot reach: a small wheel built here and a
 * PEP 503 simple index that serves it on loopback.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PACKAGE = "mcp_executor_demo";
export const VERSION = "1.2.3";
const WHEEL = `${PACKAGE}-${VERSION}-py3-none-any.whl`;

/** Writes a minimal pure-Python wheel with the machine's python3 (zipfile is all it needs). */
export async function buildWheel(): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), "mcp-executor-wheel-"));
  const script = `
import base64, hashlib, sys, zipfile
name, version, out = sys.argv[1:4]
info = f"{name}-{version}.dist-info"
files = {
    f"{name}/__init__.py": f"__version__ = {version!r}\\n",
    f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n",
    f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: mcp-executor-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
record = []
with zipfile.ZipFile(out, "w") as wheel:
    for path, text in files.items():
        data = text.encode()
        wheel.writestr(path, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    wheel.writestr(f"{info}/RECORD", "\\n".join(record) + "\\n")
`;
  const out = join(dir, WHEEL);
  try {
    execFileSync("python3", ["-c", script, PACKAGE, VERSION, out]);
    return readFileSync(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A PEP 503 simple index with the one wheel. */
export function serveIndex(wheel: Buffer): Promise<Server> {
  const sha256 = createHash("sha256").update(wheel).digest("hex");
  const project = PACKAGE.replace(/_/g, "-");
  const index = createServer((request, response) => {
    if (request.url === `/simple/${project}/`) {
      response.setHeader("content-type", "text/html");
      response.end(`<!DOCTYPE html><html><body><a href="/files/${WHEEL}#sha256=${sha256}">${WHEEL}</a></body></html>`);
    } else if (request.url === `/files/${WHEEL}`) {
      response.setHeader("content-type", "application/octet-stream");
      response.end(wheel);
    } else {
      response.statusCode = 404;
      response.end("not found");
    }
  });
  return new Promise((resolve) => index.listen(0, "127.0.0.1", () => resolve(index)));
}

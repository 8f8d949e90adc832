/**
 * The whole flow through the CLI, against a running server (`npm start`): create an image, install
 * one package per manager, upload a file, run it, and stream an execution's logs.
 *
 *   npx tsx examples/package-management-demo.ts
 *
 * MCP_EXECUTOR_URL names another server. PyPI is not reachable everywhere: set DEMO_PIP_PACKAGE to
 * a package your pip index serves (default requests==2.31.0); a failed install is shown, not fatal.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../bin/mcp-docker-executor.js", import.meta.url));
const PIP_PACKAGE = process.env.DEMO_PIP_PACKAGE ?? "requests==2.31.0";

/** Runs the CLI with live output; resolves with its exit code and what it printed on stdout. */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string }> {
  console.log(
    `\n$ mcp-docker-executor ${args.map((arg) => (/[\s'"$]/.test(arg) ? JSON.stringify(arg) : arg)).join(" ")}`,
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

async function required(...args: string[]): Promise<string> {
  const { code, stdout } = await cli(...args);
  if (code !== 0) throw new Error(`mcp-docker-executor ${args[0]} exited with ${code}`);
  return stdout.trim();
}

const imageName = `demo-${Date.now().toString(36)}`;
const imageId = await required("create", "python", "node", "csharp", "bash", "--image-name", imageName, "--quiet");
console.log(`image ${imageName}: ${imageId}`);

for (const [manager, spec] of [
  ["python", PIP_PACKAGE],
  ["node", "lodash@4.17.21"],
  ["csharp", "Newtonsoft.Json==13.0.3"],
  ["apt", "jq"],
]) {
  const { code } = await cli("install-package", imageId, manager as string, spec as string);
  if (code !== 0) console.log(`(the ${manager} install failed; the image is as it was before it)`);
}

const script = "const _ = require('lodash');\nconsole.log('chunks:', JSON.stringify(_.chunk([1, 2, 3, 4, 5], 2)));";
const fileId = await required("upload-file", "--quiet", "chunks.js", script);
await cli("exec-file", fileId, "--image", imageId);
await cli(
  "exec",
  "csharp",
  'using Newtonsoft.Json;\nConsole.WriteLine(JsonConvert.SerializeObject(new { hello = "NuGet" }));',
  "--image",
  imageId,
);
await cli("exec", "bash", 'echo \'{"tool":"jq"}\' | jq -r .tool', "--image", imageId);

const slow = "import time\nfor i in range(3):\n    print('tick', i, flush=True)\n    time.sleep(0.5)";
await cli("exec", "python", slow, "--image", imageId);
const executions = JSON.parse(await required("--json", "executions", "--first", "1"));
await cli("logs", executions.executions[0].id, "--follow");

await cli("images");
await cli("remove-image", imageId);
await cli("delete-file", fileId);

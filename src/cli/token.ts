/**
 * Which API key the CLI sends: --token, else MCP_EXECUTOR_TOKEN (empty counts as unset), else,
 * when the server is on this machine, the admin key it wrote to DATA_DIR/admin.key. So `npm start`
 * then `mcp-docker-executor exec ...` in the same folder just works, as Jupyter's token does.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const LOOPBACK_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export interface TokenSources {
  option: string | undefined;
  env: Record<string, string | undefined>;
  url: string;
}

export function resolveToken({ option, env, url }: TokenSources): string | null {
  if (option) return option;
  const fromEnv = env.MCP_EXECUTOR_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  if (!LOOPBACK_HOSTS.test(new URL(url).hostname)) return null;
  // The server's own default folder (./data) unless DATA_DIR names another, as the server reads it.
  const file = join(resolve(env.DATA_DIR?.trim() || "data"), "admin.key");
  try {
    return readFileSync(file, "utf8").trim() || null;
  } catch {
    // No readable admin key here: the request goes without one, and the server says UNAUTHENTICATED.
    return null;
  }
}

#!/usr/bin/env node
// The CLI entry point (`npx mcp-docker-executor ...`): runs the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");

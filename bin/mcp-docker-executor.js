#!/usr/bin/env node
// The CLI entry point (`npx mcp-docker-executor ...`): the compiled CLI in dist/ (`npm run build`,
// which `npm ci` runs as its prepare step), so that a command starts in well under 200 ms.
await import("../dist/cli/main.js");

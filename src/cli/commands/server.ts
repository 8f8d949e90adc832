/** health and runtimes. */
import type { Command } from "commander";
import { action } from "../action.js";
import { graphql } from "../graphql.js";
import { table } from "../output.js";

const HealthQuery = graphql(`
  query Health {
    health {
      ok
      version
      uptimeSeconds
      docker {
        reachable
        serverVersion
        error
      }
      containerRuntimes
    }
  }
`);

const RuntimesQuery = graphql(`
  query Runtimes {
    runtimes {
      language
      version
      isDefault
      fileExtension
      packageManager
    }
  }
`);

export function registerServerCommands(program: Command): void {
  program
    .command("health")
    .description("health of the server and of its Docker engine")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor health")
    .action(
      action(async ({ client, output }) => {
        const { health } = await client.request(HealthQuery);
        output.result(health, () =>
          [
            `ok: ${health.ok}`,
            `version: ${health.version}`,
            `uptime: ${health.uptimeSeconds.toFixed(0)} s`,
            `docker: ${health.docker.reachable ? `reachable, ${health.docker.serverVersion}` : `unreachable (${health.docker.error})`}`,
            `container runtimes: ${health.containerRuntimes.join(", ") || "none"}`,
          ].join("\n"),
        );
        return health.ok ? 0 : 1;
      }),
    );

  program
    .command("runtimes")
    .description("languages and runtime versions in the default image")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor runtimes")
    .action(
      action(async ({ client, output }) => {
        const { runtimes } = await client.request(RuntimesQuery);
        output.result(runtimes, () =>
          table(
            ["LANGUAGE", "VERSION", "DEFAULT", "EXTENSION", "PACKAGES"],
            runtimes.map((runtime) => [
              runtime.language,
              runtime.version,
              runtime.isDefault ? "yes" : "",
              runtime.fileExtension,
              runtime.packageManager,
            ]),
          ),
        );
        return 0;
      }),
    );
}

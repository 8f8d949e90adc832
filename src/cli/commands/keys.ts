/** keys create, keys list and keys revoke: API keys, managed with an admin key. */
import { type Command, InvalidArgumentError } from "commander";
import { ROLES } from "../../domain/principal.js";
import { action } from "../action.js";
import { graphql } from "../graphql.js";
import { table } from "../output.js";
import { integer } from "../run-options.js";

const CreateKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        id
        name
        role
      }
    }
  }
`);

const KeysQuery = graphql(`
  query ApiKeys {
    apiKeys {
      id
      name
      role
      network
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

const RevokeKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      name
      revokedAt
    }
  }
`);

interface CreateOptions {
  name: string;
  role: (typeof ROLES)[number];
  network?: boolean;
  maxExecutions?: number;
  perMinute?: number;
  maxFileBytes?: number;
  maxImages?: number;
  maxJobs?: number;
}

function role(value: string): CreateOptions["role"] {
  if (!(ROLES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`give one of ${ROLES.join(", ")}.`);
  }
  return value as CreateOptions["role"];
}

export function registerKeyCommands(program: Command): void {
  const keys = program
    .command("keys")
    .description("manage API keys (needs an admin key)")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor keys create --name ci-agent");

  keys
    .command("create")
    .description("make an API key; it is printed once and cannot be read again")
    .requiredOption("--name <name>", "the principal's name (a new name makes a new principal)")
    .option("--role <role>", `${ROLES.join(" or ")}`, role, "user")
    .option("--network", "its runs may use the network (default: admins may, users may not)")
    .option("--no-network", "its runs may not use the network")
    .option("--max-executions <n>", "quota: executions running or queued at once", integer)
    .option("--per-minute <n>", "quota: executions started per minute", integer)
    .option("--max-file-bytes <n>", "quota: bytes of stored files", integer)
    .option("--max-images <n>", "quota: custom images", integer)
    .option("--max-jobs <n>", "quota: image builds and package installs at once", integer)
    .addHelpText(
      "after",
      "\nExamples:\n  $ mcp-docker-executor keys create --name ci-agent\n  $ mcp-docker-executor keys create --name ops --role admin --json",
    )
    .action(
      action(async ({ client, output }, options: CreateOptions) => {
        const quotas = {
          executionsAtOnce: options.maxExecutions,
          executionsPerMinute: options.perMinute,
          fileBytes: options.maxFileBytes,
          images: options.maxImages,
          jobsAtOnce: options.maxJobs,
        };
        const { createApiKey } = await client.request(CreateKeyMutation, {
          input: {
            name: options.name,
            role: options.role,
            network: options.network,
            quotas: Object.values(quotas).some((value) => value !== undefined) ? quotas : undefined,
          },
        });
        const { id, name, role: granted } = createApiKey.apiKey;
        output.result(
          { id, name, role: granted, key: createApiKey.key },
          () => `${createApiKey.key}\n(key ${id} for ${name}, role ${granted}: keep it now, it is not shown again)`,
        );
        return 0;
      }),
    );

  keys
    .command("list")
    .description("list API keys, oldest first (never the keys themselves)")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor keys list")
    .action(
      action(async ({ client, output }) => {
        const { apiKeys } = await client.request(KeysQuery);
        output.result({ apiKeys }, () =>
          table(
            ["ID", "NAME", "ROLE", "NETWORK", "CREATED", "LAST USED", "REVOKED"],
            apiKeys.map((key) => [
              key.id,
              key.name,
              key.role,
              key.network === null ? "role default" : key.network ? "yes" : "no",
              key.createdAt,
              key.lastUsedAt,
              key.revokedAt,
            ]),
          ),
        );
        return 0;
      }),
    );

  keys
    .command("revoke")
    .description("revoke an API key: it stops working at once, and its sessions and streams end")
    .argument("<id>", "the key's id (see keys list)")
    .addHelpText("after", "\nExample:\n  $ mcp-docker-executor keys revoke 3f1c…")
    .action(
      action(async ({ client, output }, id: string) => {
        const { revokeApiKey } = await client.request(RevokeKeyMutation, { id });
        output.result(revokeApiKey, () => `revoked key ${revokeApiKey.id} of ${revokeApiKey.name}`);
        return 0;
      }),
    );
}

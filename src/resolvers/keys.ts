/** Root fields of API keys (admins only) and of the caller itself. */
import { ServiceError } from "../domain/errors.js";
import { type Actor, isAdmin } from "../domain/principal.js";
import type { ApiKeyRefs } from "../schema/api-key.js";
import type { Builder } from "../schema/builder.js";

function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new ServiceError("FORBIDDEN", "Only an admin key may manage API keys.");
}

export function keyFields(
  builder: Builder,
  { ApiKeyRef, CallerRef, CreateApiKeyInput, CreatedApiKeyRef }: ApiKeyRefs,
): void {
  builder.queryField("me", (t) =>
    t.field({
      type: CallerRef,
      description: "Who this request acts as, with its role, network permission and quotas.",
      resolve: (_root, _args, { actor }) => actor,
    }),
  );

  builder.queryField("apiKeys", (t) =>
    t.field({
      type: [ApiKeyRef],
      description: "Every API key, oldest first (admins only).",
      resolve: (_root, _args, { services, actor }) => {
        requireAdmin(actor);
        return services.auth.listKeys();
      },
    }),
  );

  builder.mutationField("createApiKey", (t) =>
    t.field({
      type: CreatedApiKeyRef,
      description: "Makes an API key for a principal (admins only). The key is in the answer, once.",
      args: {
        input: t.arg({
          type: CreateApiKeyInput,
          required: true,
          description: "The principal's name, and the key's role, network permission and quotas.",
        }),
      },
      resolve: (_root, { input }, { services, actor }) => {
        requireAdmin(actor);
        return services.auth.createKey(input);
      },
    }),
  );

  builder.mutationField("revokeApiKey", (t) =>
    t.field({
      type: ApiKeyRef,
      description:
        "Revokes an API key (admins only): it stops working at once, and its sessions, WebSockets and streams end.",
      args: { id: t.arg.id({ required: true, description: "The key's id (see apiKeys)." }) },
      resolve: (_root, { id }, { services, actor }) => {
        requireAdmin(actor);
        return services.auth.revokeKey(String(id));
      },
    }),
  );
}

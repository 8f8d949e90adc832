/** API keys, the principals that hold them, their quotas, and the caller itself. */
import { type Actor, type ApiKeyInfo, QUOTA_NAMES, type Quotas, type Role } from "../domain/principal.js";
import type { Builder } from "./builder.js";

const QUOTA_UNITS: Record<keyof Quotas, string> = {
  executionsAtOnce: "executions running or queued at once",
  executionsPerMinute: "executions started per minute",
  fileBytes: "bytes of stored files",
  images: "custom images",
  jobsAtOnce: "image builds and package installs at once",
};

export function apiKeyTypes(builder: Builder) {
  const RoleEnum = builder.enumType("Role", {
    description:
      "What a principal may do: admins manage keys and the default image and see everything; users only their own.",
    values: {
      admin: {
        description:
          "Manages API keys and the default image, sees and may filter every principal's records, and may use the network unless its key says otherwise.",
      },
      user: {
        description:
          "Sees and manages only its own executions, files, images and installations, within the quotas configured for users (QUOTA_USER_*); no network unless its key allows it.",
      },
    } satisfies Record<Role, object>,
  });

  const QuotasRef = builder.objectRef<Partial<Quotas>>("Quotas").implement({
    description: "Limits on what one principal may have or do; null: no limit (or, on a key, the configured one).",
    fields: (t) => ({
      executionsAtOnce: t.exposeInt("executionsAtOnce", { nullable: true, description: QUOTA_UNITS.executionsAtOnce }),
      executionsPerMinute: t.exposeInt("executionsPerMinute", {
        nullable: true,
        description: QUOTA_UNITS.executionsPerMinute,
      }),
      fileBytes: t.exposeFloat("fileBytes", { nullable: true, description: QUOTA_UNITS.fileBytes }),
      images: t.exposeInt("images", { nullable: true, description: QUOTA_UNITS.images }),
      jobsAtOnce: t.exposeInt("jobsAtOnce", { nullable: true, description: QUOTA_UNITS.jobsAtOnce }),
    }),
  });

  const QuotasInput = builder.inputType("QuotasInput", {
    description: `A key's own quotas, over the configured ones for its role (${Object.values(QUOTA_NAMES).join(", ")}).`,
    fields: (t) => ({
      executionsAtOnce: t.int({ description: QUOTA_UNITS.executionsAtOnce }),
      executionsPerMinute: t.int({ description: QUOTA_UNITS.executionsPerMinute }),
      fileBytes: t.float({ description: QUOTA_UNITS.fileBytes }),
      images: t.int({ description: QUOTA_UNITS.images }),
      jobsAtOnce: t.int({ description: QUOTA_UNITS.jobsAtOnce }),
    }),
  });

  const ApiKeyRef = builder.objectRef<ApiKeyInfo>("ApiKey").implement({
    description: "An API key. The key itself is shown once, when it is created; only its hash is kept.",
    fields: (t) => ({
      id: t.exposeID("id", { description: "The key's id (not the key itself): what revokeApiKey takes." }),
      principalId: t.exposeID("principalId", { description: "The principal that holds it; its records are theirs." }),
      name: t.exposeString("name", { description: "The principal's name." }),
      role: t.expose("role", { type: RoleEnum, description: "The principal's role." }),
      network: t.exposeBoolean("network", {
        nullable: true,
        description: "Whether its runs may use the network; null: the role's default (admins may, users may not).",
      }),
      quotas: t.field({ type: QuotasRef, description: "Its own quotas.", resolve: (key) => key.quotas }),
      createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was made." }),
      lastUsedAt: t.expose("lastUsedAt", {
        type: "DateTime",
        nullable: true,
        description: "When a request last came with it, to within 10 seconds; null when none has.",
      }),
      revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true, description: "Set once it was revoked." }),
    }),
  });

  const CreatedApiKeyRef = builder.objectRef<{ key: ApiKeyInfo; token: string }>("CreatedApiKey").implement({
    description: "What createApiKey answers: the new key's record and, this once, the key itself.",
    fields: (t) => ({
      apiKey: t.field({
        type: ApiKeyRef,
        description: "The new key's record, as apiKeys lists it.",
        resolve: (created) => created.key,
      }),
      key: t.exposeString("token", {
        description: "The key to send as `Authorization: Bearer KEY`. It is shown this once and cannot be read again.",
      }),
    }),
  });

  const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
    description: "A new API key, for the principal of the given name (made when the name is new).",
    fields: (t) => ({
      name: t.string({
        required: true,
        description: "The principal's name (1 to 64 letters, digits, . _ @ -); a new name makes a new principal.",
      }),
      role: t.field({ type: RoleEnum, description: "Default: user. An existing principal keeps its role." }),
      network: t.boolean({ description: "Whether its runs may use the network. Default: admins may, users may not." }),
      quotas: t.field({ type: QuotasInput, description: "Its own quotas. Default: the configured ones for its role." }),
    }),
  });

  const CallerRef = builder.objectRef<Actor>("Caller").implement({
    description: "Who the current request acts as.",
    fields: (t) => ({
      principalId: t.exposeID("principalId", {
        description: "The principal the request acts as: it owns what the request creates.",
      }),
      name: t.exposeString("name", { description: "The principal's name." }),
      role: t.expose("role", { type: RoleEnum, description: "The principal's role." }),
      network: t.exposeBoolean("network", { description: "Whether its runs may use the network." }),
      quotas: t.field({
        type: QuotasRef,
        description: "The quotas in force for it.",
        resolve: (actor) => actor.quotas,
      }),
    }),
  });

  return { ApiKeyRef, CreatedApiKeyRef, CreateApiKeyInput, CallerRef };
}

export type ApiKeyRefs = ReturnType<typeof apiKeyTypes>;

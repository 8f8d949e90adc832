/** The `principalId` argument that lets admins narrow a list to one principal's records. */
import type { ArgBuilder } from "../schema/builder.js";

export const principalIdArg = (arg: ArgBuilder) =>
  arg.id({ description: "Admins only: just this principal's records. Users always see only their own." });

export const principalIdOf = (value: string | number | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

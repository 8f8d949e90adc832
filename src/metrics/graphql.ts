/**
 * GraphQL operations, through Yoga's Prometheus plugin on our registry: how many ran, how long
 * each took and how many errors they gave, by operation name and type; and the HTTP time of
 * GraphQL requests. The plugin's own /metrics endpoint is off: app.ts serves /metrics, behind a key.
 */
import {
  createCounter,
  createHistogram,
  type FillLabelsFnParams,
  usePrometheus,
} from "@graphql-yoga/plugin-prometheus";
import type { Plugin } from "graphql-yoga";
import type { Registry } from "prom-client";

/**
 * Distinct operation names kept as label values; later new names count as "other". Clients name
 * their operations freely, and every name would be a series kept for the process's life.
 */
export const MAX_OPERATION_NAMES = 200;
/** Seconds: a field read (milliseconds) up to a subscription that follows a long run. */
const OPERATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** The operation's name as a label value: its own while fewer than `limit` names were seen, else "other". */
export function boundedNames(limit: number): (name: string | undefined) => string {
  const seen = new Set<string>();
  return (name) => {
    const value = name || "Anonymous";
    if (seen.has(value)) return value;
    if (seen.size >= limit) return "other";
    seen.add(value);
    return value;
  };
}

export function graphqlMetricsPlugin(registry: Registry): Plugin {
  const nameOf = boundedNames(MAX_OPERATION_NAMES);
  const operationLabels = (params: FillLabelsFnParams) => ({
    operationName: nameOf(params.operationName),
    operationType: params.operationType ?? "unknown",
  });
  const labelNames = ["operationName", "operationType"] as const;
  return usePrometheus({
    registry,
    endpoint: false,
    metrics: {
      graphql_envelop_request: createCounter({
        registry,
        counter: {
          name: "mde_graphql_operations_total",
          help: "GraphQL operations executed (queries, mutations, subscriptions), by operation name and type.",
          labelNames,
        },
        fillLabelsFn: operationLabels,
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: "mde_graphql_operation_duration_seconds",
          help: "Time GraphQL operations took to execute (a subscription: until it ended), by operation name and type.",
          labelNames,
          buckets: OPERATION_BUCKETS,
        },
        fillLabelsFn: operationLabels,
      }),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: "mde_graphql_errors_total",
          help: "Errors in GraphQL results, by operation name and type and the phase that gave them (parse, validate, context, execute, subscribe).",
          labelNames: [...labelNames, "phase"] as const,
        },
        fillLabelsFn: (params: FillLabelsFnParams & { errorPhase: string }) => ({
          ...operationLabels(params),
          phase: params.errorPhase,
        }),
      }),
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: "mde_graphql_http_duration_seconds",
          help: "Time of GraphQL HTTP requests from arrival to response, by operation name and type and status code.",
          labelNames: [...labelNames, "statusCode"] as const,
          buckets: OPERATION_BUCKETS,
        },
        fillLabelsFn: (params: FillLabelsFnParams & { response: Response }) => ({
          ...operationLabels(params),
          statusCode: params.response.status,
        }),
      }),
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
    },
  });
}

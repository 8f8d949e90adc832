/** Root fields of executions: run, cancel, delete, look up, list, and stream their events. */
import { Repeater } from "@repeaterjs/repeater";
import type { ExecutionEvent } from "../domain/execution.js";
import { RUN_COST } from "../graphql/run-limit.js";
import type { Builder } from "../schema/builder.js";
import { pageArgs, resolveConnection } from "../schema/connection.js";
import type { EnumRefs } from "../schema/enums.js";
import type { ExecutionRefs } from "../schema/execution.js";
import type { UsageRefs } from "../schema/usage.js";
import type { DetachChoice } from "../services/executions/index.js";
import { principalIdArg, principalIdOf } from "./principal-filter.js";

const CURSOR_KIND = "execution";

const CANCEL_ON_UNSUBSCRIBE =
  "What happens when the subscriber leaves before the execution ends: false (default) lets it run on (follow it again with executionEvents and afterSeq); true cancels it.";

const detachChoice = (cancelOnUnsubscribe: boolean | null | undefined): DetachChoice =>
  cancelOnUnsubscribe ? "cancel" : "keep";

export function executionFields(
  builder: Builder,
  { ExecutionStatusEnum, LanguageEnum }: EnumRefs,
  {
    ExecuteInput,
    ExecutionConnectionRef,
    ExecutionEventRef,
    ExecutionPolicyRef,
    ExecutionRef,
    LogChunkRef,
  }: ExecutionRefs,
  { UsageSampleRef }: UsageRefs,
): void {
  builder.queryField("executionPolicy", (t) =>
    t.field({
      type: ExecutionPolicyRef,
      description: "The limits in force: what a run gets by default and the most it may ask for.",
      resolve: (_root, _args, { services }) => services.executions.policy,
    }),
  );

  builder.queryField("execution", (t) =>
    t.field({
      type: ExecutionRef,
      nullable: true,
      description: "One execution; null when the id names none the caller may see.",
      args: { id: t.arg.id({ required: true, description: "The execution's id." }) },
      resolve: (_root, { id }, { services, actor }) => services.executions.get(actor, String(id)),
    }),
  );

  builder.queryField("executions", (t) =>
    t.field({
      type: ExecutionConnectionRef,
      description: "Newest first.",
      args: {
        ...pageArgs(t.arg),
        status: t.arg({ type: ExecutionStatusEnum, description: "Only executions with this status. Default: any." }),
        language: t.arg({ type: LanguageEnum, description: "Only executions in this language. Default: any." }),
        principalId: principalIdArg(t.arg),
      },
      resolve: (_root, args, { services, actor }) =>
        resolveConnection(CURSOR_KIND, args, async (query) => {
          const page = await services.executions.page(actor, {
            ...query,
            status: args.status ?? null,
            language: args.language ?? null,
            principalId: principalIdOf(args.principalId),
          });
          return { ...page, items: page.items.map(({ execution, position }) => ({ node: execution, position })) };
        }),
    }),
  );

  builder.mutationField("execute", (t) =>
    t.field({
      complexity: RUN_COST,
      type: ExecutionRef,
      description:
        "Runs code. With wait (default true) it returns the finished execution; with wait false it returns at once.",
      args: {
        input: t.arg({
          type: ExecuteInput,
          required: true,
          description: "The program, its language and how to run it.",
        }),
      },
      resolve: (_root, { input }, { services, actor }) => services.executions.execute(actor, input),
    }),
  );

  builder.mutationField("cancelExecution", (t) =>
    t.field({
      type: ExecutionRef,
      description:
        "Stops a queued or running execution: it ends CANCELLED, with the output it had. A finished one is returned as it is.",
      args: { id: t.arg.id({ required: true, description: "The execution to stop." }) },
      resolve: (_root, { id }, { services, actor }) => services.executions.cancel(actor, String(id)),
    }),
  );

  builder.mutationField("deleteExecution", (t) =>
    t.field({
      type: "Boolean",
      description:
        "Deletes a finished execution with its events; true once it is gone. A QUEUED or RUNNING one is refused (BAD_USER_INPUT): cancel it first. Stored files it ran or copied stay.",
      args: { id: t.arg.id({ required: true, description: "The execution to delete." }) },
      resolve: (_root, { id }, { services, actor }) => services.retention.deleteExecution(actor, String(id)),
    }),
  );

  builder.subscriptionField("executionEvents", (t) =>
    t.field({
      type: ExecutionEventRef,
      description:
        "Every event of one execution, in order: the ones after afterSeq first (all of them by default), then live ones; completes after the final status event.",
      args: {
        id: t.arg.id({ required: true, description: "The execution to follow." }),
        afterSeq: t.arg.int({
          description: "Replay only the events after this seq (resuming a stream). Default: 0, all.",
        }),
        cancelOnUnsubscribe: t.arg.boolean({ defaultValue: false, description: CANCEL_ON_UNSUBSCRIBE }),
      },
      subscribe: (_root, { id, afterSeq, cancelOnUnsubscribe }, { services, actor }) =>
        services.executions.follow(actor, String(id), {
          afterSeq: afterSeq ?? 0,
          onDetach: detachChoice(cancelOnUnsubscribe),
        }),
      resolve: (event) => event,
    }),
  );

  builder.subscriptionField("executionLogs", (t) =>
    t.field({
      type: LogChunkRef,
      description: "Only the output chunks of one execution, from the first; completes when it ends.",
      args: { id: t.arg.id({ required: true, description: "The execution to follow." }) },
      subscribe: async (_root, { id }, { services, actor }) =>
        onlyLogChunks(await services.executions.follow(actor, String(id), { onDetach: "keep" })),
      resolve: (event) => event,
    }),
  );

  builder.subscriptionField("executionUsage", (t) =>
    t.field({
      type: UsageSampleRef,
      description:
        "Live usage of one execution: a sample about every 250 ms while it runs, then its final usage as the last sample, then the end. A finished execution yields its final usage alone.",
      args: { id: t.arg.id({ required: true, description: "The execution to watch." }) },
      subscribe: (_root, { id }, { services, actor }) => services.executions.usage(actor, String(id)),
      resolve: (sample) => sample,
    }),
  );

  builder.subscriptionField("run", (t) =>
    t.field({
      complexity: RUN_COST,
      type: ExecutionEventRef,
      description: "Starts an execution and streams its events in one operation.",
      args: {
        input: t.arg({
          type: ExecuteInput,
          required: true,
          description: "The program to run, as for execute; its wait is ignored (the stream follows the run).",
        }),
        cancelOnUnsubscribe: t.arg.boolean({ defaultValue: false, description: CANCEL_ON_UNSUBSCRIBE }),
      },
      subscribe: async (_root, { input, cancelOnUnsubscribe }, { services, actor }) => {
        const execution = await services.executions.execute(actor, { ...input, wait: false });
        return services.executions.follow(actor, execution.id, { onDetach: detachChoice(cancelOnUnsubscribe) });
      },
      resolve: (event) => event,
    }),
  );
}

function onlyLogChunks(events: AsyncIterableIterator<ExecutionEvent>) {
  return new Repeater<Extract<ExecutionEvent, { kind: "LOG" }>>(async (push, stop) => {
    stop.then(() => events.return?.());
    for await (const event of events) if (event.kind === "LOG") await push(event);
    stop();
  });
}

/**
 * Mutations and subscriptions only over POST or the WebSocket: a GET can be made by any page (an
 * <img>), and a subscription starts work as a mutation does (`run` starts a container). Yoga
 * refuses mutations over GET itself; this refuses both, with the contract's code.
 */
import { getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import { refusal } from "../graphql-errors.js";

export function useNoSideEffectsOverGet(): Plugin {
  return {
    onParse() {
      return ({ result, context }) => {
        // Only Yoga's HTTP requests carry `request`; graphql-ws operations have none.
        const { request, params } = context as { request?: Request; params?: { operationName?: string } };
        if (request?.method !== "GET" || !result || result instanceof Error) return;
        const operation = getOperationAST(result, params?.operationName)?.operation;
        if (operation === "mutation" || operation === "subscription") {
          throw refusal(
            "BAD_USER_INPUT",
            `A ${operation} cannot be sent over GET: send it as a POST request or over the WebSocket.`,
            { status: 405, headers: { allow: "POST" } },
          );
        }
      };
    },
  };
}

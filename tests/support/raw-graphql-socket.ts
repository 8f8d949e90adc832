/**
 * A graphql-ws connection by hand (the `graphql-transport-ws` protocol), for tests that must act
 * below a client library: leave before any answer, or stop reading the socket.
 */
import WebSocket from "ws";
import type { TestServer } from "./test-server.js";

/** Resolves once the server has acknowledged the connection as the admin. */
export async function openRawGraphQLSocket(server: Pick<TestServer, "url" | "authHeaders">): Promise<WebSocket> {
  const socket = new WebSocket(server.url.replace(/^http/, "ws"), "graphql-transport-ws");
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const acknowledged = new Promise((resolve) => socket.once("message", resolve));
  socket.send(JSON.stringify({ type: "connection_init", payload: server.authHeaders() }));
  await acknowledged;
  return socket;
}

/** Every error the console can meet, as a sentence a person can act on, shown in an alert. */
import type { ComponentChildren } from "preact";
import { type ApiError, toApiError } from "./graphql";

/** What each code means, ahead of the server's own message. */
const EXPLANATIONS: Record<string, string> = {
  BAD_USER_INPUT: "The server refused the input",
  UNAUTHENTICATED: "You are not logged in, or your session has ended",
  FORBIDDEN: "Your key may not do this",
  NOT_FOUND: "Not found: it does not exist, or it is not yours",
  LIMIT_EXCEEDED: "A limit is higher than this server allows",
  QUOTA_EXCEEDED: "A quota is used up",
  IMAGE_NOT_READY: "The image is not ready (it is building, failed or was cancelled)",
  DOCKER_UNAVAILABLE: "Docker is unavailable: the server cannot run code right now",
  PERSISTED_QUERY_NOT_FOUND: "The request was not recognised",
  NETWORK: "The server cannot be reached",
  CONNECTION: "The live connection was lost",
  INTERNAL_SERVER_ERROR: "The server failed unexpectedly",
};

export function explain(error: ApiError): string {
  const known =
    EXPLANATIONS[error.code] ?? (error.code.startsWith("HTTP_") ? "The server answered with an error" : "Error");
  return `${known}. ${error.message}`;
}

/** The login form, returning to this page afterwards. */
export function loginHref(): string {
  return `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
}

/** An alert for one error, or nothing; with a login link when the session is gone. */
export function ErrorMessage({ error, children }: { error: unknown; children?: ComponentChildren }) {
  if (!error) return null;
  const apiError = toApiError(error);
  return (
    <div class="error" role="alert">
      <strong class="error-code">{apiError.code}</strong> {explain(apiError)}
      {apiError.code === "UNAUTHENTICATED" && (
        <>
          {" "}
          <a href={loginHref()}>Log in</a>
        </>
      )}
      {children}
    </div>
  );
}

/** The console's frame: navigation, the connection banner, and the view the path names. */
import { useEffect, useState } from "preact/hooks";
import { loginHref } from "./errors";
import { type ConnectionState, onConnectionState } from "./graphql";
import { BASE, Link, usePath } from "./router";
import { ExecutionView } from "./views/execution-view";
import { ExecutionsView } from "./views/executions-view";
import { FilesView } from "./views/files-view";
import { ImagesView } from "./views/images-view";
import { RunView } from "./views/run-view";

const NAV = [
  { href: BASE, label: "Run" },
  { href: `${BASE}executions`, label: "Executions" },
  { href: `${BASE}images`, label: "Images" },
  { href: `${BASE}files`, label: "Files" },
];

function ConnectionBanner() {
  const [state, setState] = useState<ConnectionState>("connecting");
  useEffect(() => onConnectionState(setState), []);
  if (state === "reconnecting") {
    return (
      <div class="banner" role="alert">
        Connection to the server lost: reconnecting… Live output resumes where it stopped.
      </div>
    );
  }
  if (state === "unauthenticated") {
    return (
      <div class="banner" role="alert">
        UNAUTHENTICATED: your session has ended. <a href={loginHref()}>Log in again</a>
      </div>
    );
  }
  return null;
}

function View({ path }: { path: string }) {
  const execution = /^\/ui\/executions\/([^/]+)\/?$/.exec(path);
  if (execution) return <ExecutionView id={decodeURIComponent(execution[1] as string)} />;
  switch (path.replace(/\/$/, "")) {
    case "/ui":
      return <RunView />;
    case "/ui/executions":
      return <ExecutionsView />;
    case "/ui/images":
      return <ImagesView />;
    case "/ui/files":
      return <FilesView />;
    default:
      return (
        <section class="view">
          <h1>Not found</h1>
          <p>
            NOT_FOUND: the console has no page at {path}. <Link href={BASE}>Go to Run</Link>
          </p>
        </section>
      );
  }
}

export function App() {
  const path = usePath();
  const section = NAV.slice(1).find((item) => path.startsWith(item.href))?.href ?? BASE;
  useEffect(() => {
    const label = NAV.find((item) => item.href === section)?.label ?? "Console";
    document.title = `${label} · mcp-docker-executor`;
  }, [section]);
  return (
    <>
      <header class="top">
        <span class="brand">mcp-docker-executor</span>
        <nav aria-label="Console">
          {NAV.map((item) => (
            <Link key={item.href} href={item.href} aria-current={item.href === section ? "page" : undefined}>
              {item.label}
            </Link>
          ))}
          <a href="/graphql">GraphiQL</a>
          <a href="/logout">Log out</a>
        </nav>
      </header>
      <ConnectionBanner />
      <main>
        <View path={path} />
      </main>
    </>
  );
}

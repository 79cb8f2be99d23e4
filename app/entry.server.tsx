import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isAllowedOrigin } from "~/auth/csrf.server";
import { getConfig } from "~/config.server";
import { prepareDatabase } from "~/db/client.server";
import { backfillCertificateHours } from "~/certificates/hours.server";
import { warmContent } from "~/content/registry.server";
import { startContentWatcher } from "~/content/watch.server";
import { startNotificationWorker } from "~/notifications/loop.server";
import { NonceContext } from "~/components/nonce";

// Reached by server.js through build.entry.module: the bounded clean-up it runs on a schedule,
// and the test clock it moves only when started with ACADEMY_TEST_CLOCK=1 (server/guards.js).
export { prepareDatabase };
export { pruneStale, PRUNE_INTERVAL_MS } from "~/auth/prune.server";
export { setClockOffset } from "~/utils/clock.server";
// server.js asks for the session before it reads any body larger than a small form.
export { sessionUserId } from "~/auth/session.server";

const ABORT_DELAY = 5_000;

// RFC 8058 one-click unsubscribe: a mail client POSTs with no Origin and no cookie. The token in
// the path is the credential (only the person's own emails carry it), so there is nothing for a
// cross-site request to ride on.
const isOneClickUnsubscribe = (request: Request) => new URL(request.url).pathname.startsWith("/unsubscribe/");

/**
 * Starts the notification worker (outbox sending, daily reminders) inside the server process;
 * server.js calls it unless NOTIFY_WORKER=0 (then `npm run worker` runs it apart).
 */
export function startBackgroundWorker() {
  if (!getConfig().mail.workerInProcess) return null;
  return startNotificationWorker();
}

// Content is compiled (or read from the on-disk cache) when the server build loads, never on a
// request. Certificates from before modules declared hours then take their module's hours.
// The backfill waits for the schema too (PostgreSQL migrates in prepareDatabase()).
Promise.all([warmContent(), prepareDatabase()])
  .then(([state]) => backfillCertificateHours(Array.from(state.modules, ([, mod]) => mod)))
  .catch((error) => console.error("Recording lesson hours on older certificates failed:", error));
// Development: reload content when a file under content/ changes (npm run dev).
startContentWatcher();

/**
 * Runs before Remix for every request (see server.js): refuses cross-site non-GET requests.
 * Remix v2 has no middleware, and an action runs before the document renders, so the check
 * must sit in front of the request handler.
 */
export function preflight(request: Request): Response | null {
  if (!isAllowedOrigin(request, getConfig().allowedOrigins) && !isOneClickUnsubscribe(request)) {
    return new Response("Forbidden: cross-site request refused", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return null;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const bot = isbot(request.headers.get("user-agent") || "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // Cleared once rendering is done: a pending timer would keep every rendered page (and its
    // loader data) in memory for ABORT_DELAY after it was sent.
    const abortTimer: { id?: ReturnType<typeof setTimeout> } = {};
    const respond = () => {
      shellRendered = true;
      const body = new PassThrough();
      const stream = createReadableStreamFromReadable(body);
      // nosniff, CSP, Referrer-Policy and the rest are set by server.js on every response.
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce ?? ""}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        // Browsers get the shell as soon as it is ready; bots get the whole page at once.
        onShellReady() {
          if (!bot) respond();
        },
        onAllReady() {
          clearTimeout(abortTimer.id);
          if (bot) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer.id);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    abortTimer.id = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

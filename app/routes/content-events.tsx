import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { contentWatcher } from "~/content/watch.server";

// Server-sent events for the trainers' preview in development: one message per content reload.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(request, "content.preview");
  const watcher = contentWatcher();
  if (!watcher) throw new Response("Not found", { status: 404 });
  const encoder = new TextEncoder();
  let unsubscribe = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`retry: 1000\ndata: ${watcher.version()}\n\n`));
      unsubscribe = watcher.subscribe((version) => controller.enqueue(encoder.encode(`data: ${version}\n\n`)));
      request.signal.addEventListener("abort", () => {
        unsubscribe();
        controller.close();
      });
    },
    cancel() {
      unsubscribe();
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", "X-Accel-Buffering": "no" } });
}

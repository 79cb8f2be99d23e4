import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * In development, a preview page listens for content reloads and fetches its data again: an
 * edited lesson shows without a restart or a manual refresh.
 */
export function useContentLiveReload(enabled: boolean) {
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const events = new EventSource("/content-events");
    let first: string | null = null;
    events.onmessage = (e: MessageEvent<string>) => {
      // The first message is the current version; every later one is a reload.
      if (first === null) first = e.data;
      else revalidate();
    };
    return () => events.close();
  }, [enabled, revalidate]);
}

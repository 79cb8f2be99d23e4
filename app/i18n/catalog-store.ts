import type { Messages } from "./translate";

// The browser's share of the message catalog is a static, content-hashed JSON file
// (/i18n/<locale>.<area>.<hash>.json), cached for a year, instead of 20-odd KB of every page's
// root loader data. The server keeps each catalog it hands out under its URL, so the page it
// renders uses the same messages the browser then loads before hydrating.

export const CATALOG_PREFIX = "/i18n/";

const onServer = typeof document === "undefined";
const catalogs = new Map<string, Messages>();
const loading = new Map<string, Promise<boolean>>();

export function putCatalog(url: string, messages: Messages) {
  // A browser visits a handful of areas in two languages; keep it bounded all the same.
  if (!onServer && catalogs.size > 32) catalogs.clear();
  catalogs.set(url, messages);
}

/** The catalog at `url` once loaded (always on the server), or an empty one. */
export function catalogAt(url: string | undefined): Messages {
  return (url ? catalogs.get(url) : undefined) ?? ({} as Messages);
}

/**
 * Browser only: fetches the catalog (the preload link in the page's head has usually fetched it
 * already, and the HTTP cache keeps it). Resolves to whether it is there; never rejects.
 */
export function loadCatalog(url: string): Promise<boolean> {
  if (catalogs.has(url)) return Promise.resolve(true);
  let pending = loading.get(url);
  if (!pending) {
    pending = fetch(url, { credentials: "same-origin" })
      .then((response) => (response.ok ? (response.json() as Promise<Messages>) : Promise.reject(new Error(`${url}: ${response.status}`))))
      .then((messages) => {
        putCatalog(url, messages);
        return true;
      })
      .catch((error: unknown) => {
        console.error("The message catalog did not load:", error);
        return false;
      })
      .finally(() => loading.delete(url));
    loading.set(url, pending);
  }
  return pending;
}

import fs from "node:fs";
import { getConfig } from "~/config.server";
import { warmContent, type ContentState } from "./registry.server";

// The trainers' fast loop (development only): edit a file under content/, and the content
// loads again; lessons are compiled by content hash, so only the edited ones compile. Open
// preview pages hear about it (GET /content-events) and refresh their data without a restart.

type Listener = (version: number) => void;

export type ContentWatcher = {
  /** Increases by one after each reload that finished. */
  version: () => number;
  subscribe: (listener: Listener) => () => void;
  /** Loads again now (what a file change triggers after a short debounce). */
  reload: () => Promise<ContentState>;
  close: () => void;
};

const globalForWatch = globalThis as unknown as { __academyContentWatcher?: ContentWatcher };

/** Watches `dir` recursively; `debounceMs` gathers an editor's burst of writes into one reload. */
export function createContentWatcher(dir: string, { debounceMs = 80, load = () => warmContent({ force: true }) } = {}): ContentWatcher {
  let version = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<ContentState> | null = null;
  let again = false;
  const listeners = new Set<Listener>();

  const reload = async (): Promise<ContentState> => {
    // One reload at a time; changes during a reload cause one more afterwards.
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let state: ContentState;
        do {
          again = false;
          state = await load();
        } while (again);
        version++;
        for (const l of listeners) l(version);
        return state;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const watcher = fs.watch(dir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      reload().catch((error) => console.error("Reloading content failed:", error));
    }, debounceMs);
  });
  return {
    version: () => version,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload,
    close() {
      clearTimeout(timer);
      watcher.close();
      listeners.clear();
    },
  };
}

/** The process's watcher, started once in development (entry.server); null in production. */
export function startContentWatcher(): ContentWatcher | null {
  if (process.env.NODE_ENV !== "development") return null;
  if (!globalForWatch.__academyContentWatcher) {
    globalForWatch.__academyContentWatcher = createContentWatcher(getConfig().contentDir);
    console.log(`Watching ${getConfig().contentDir} for changes: previews refresh by themselves.`);
  }
  return globalForWatch.__academyContentWatcher;
}

export function contentWatcher(): ContentWatcher | null {
  return globalForWatch.__academyContentWatcher ?? null;
}

import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadLesson, loadedLesson } from "~/components/mdx/lesson-module";
import { loadCatalog } from "~/i18n/catalog-store";

function hydrate() {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
}

// A page names its message catalog in a preload link (ADR 0035), and a lesson page its compiled
// lesson in a modulepreload link (ADR 0029), so both are fetched beside the app's own modules;
// hydration waits for them, and the page then hydrates onto the server's HTML with nothing to
// fetch or suspend. When one cannot be loaded (offline, say) the page is left as the server
// sent it: it works as it does without JavaScript.
const hrefs = (selector: string) => [...document.querySelectorAll<HTMLLinkElement>(selector)].map((link) => link.getAttribute("href") ?? "");
const catalogs = hrefs("link[data-catalog]");
const lessons = hrefs("link[data-lesson-module]");
if (catalogs.length === 0 && lessons.length === 0) hydrate();
else
  void Promise.all([Promise.all(catalogs.map(loadCatalog)), Promise.all(lessons.map(loadLesson))]).then(([catalogsLoaded]) => {
    if (catalogsLoaded.every(Boolean) && lessons.every((url) => loadedLesson(url))) hydrate();
    else console.error("A message catalog or lesson module did not load; the page stays as the server sent it.");
  });

import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadLesson, loadedLesson } from "~/components/mdx/lesson-module";

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

// A lesson page names its compiled lesson in a modulepreload link (ADR 0029), so the module is
// fetched beside the app's own; hydration waits for it, and the lesson then hydrates onto the
// server's HTML with nothing to fetch or suspend. When a module cannot be loaded (offline, say)
// the page is left as the server sent it: it works as it does without JavaScript.
const lessons = [...document.querySelectorAll<HTMLLinkElement>("link[data-lesson-module]")].map((link) => link.getAttribute("href") ?? "");
if (lessons.length === 0) hydrate();
else
  void Promise.all(lessons.map(loadLesson)).then(() => {
    if (lessons.every((url) => loadedLesson(url))) hydrate();
    else console.error("A lesson module did not load; the page stays as the server sent it.");
  });

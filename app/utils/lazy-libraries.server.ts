// Libraries that take 100-500 ms each to load and serve one feature (spreadsheets, documents,
// PDFs, MDX compiling, image re-encoding) are loaded on first use, not at start-up: the server
// then listens in about half the time (docs/decisions/0018-lazy-libraries-and-fast-e2e.md).
// A static import of an external package is hoisted to the top of Remix's one-file server
// build, so only `import()` defers it.

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      pending = load();
      // A failed load (a missing native module, say) is tried again on the next use.
      pending.catch(() => (pending = undefined));
    }
    return pending;
  };
}

export const loadExcelJs = once(async () => (await import("exceljs")).default);
export const loadDocx = once(() => import("docx"));
export const loadPdfLib = once(() => import("pdf-lib"));
export const loadFontkit = once(async () => (await import("@pdf-lib/fontkit")).default);
export const loadMdxBundler = once(() => import("mdx-bundler"));
export const loadRemarkGfm = once(async () => (await import("remark-gfm")).default);
export const loadSharp = once(async () => (await import("sharp")).default);

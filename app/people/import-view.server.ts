// The import plan as the page shows it: rows with problems first, at most SHOWN_ROWS of them.
import type { ImportPlan } from "./import-plan.server";
import type { ImportPreviewView, PreviewRow } from "./import-types";

export type { ImportPreviewView };

/** Rows shown in the preview table; every row is still checked and applied. */
export const SHOWN_ROWS = 1000;

/** Rows with problems first (so HR sees what to fix), each group in file order. */
export function orderPreviewRows(rows: PreviewRow[]): PreviewRow[] {
  return [...rows.filter((r) => r.action === "error"), ...rows.filter((r) => r.action !== "error")];
}

export function importPreviewView(plan: Omit<ImportPlan, "ops">, shown = SHOWN_ROWS): ImportPreviewView {
  return {
    ok: plan.ok,
    fileProblems: plan.fileProblems,
    delimiter: plan.delimiter,
    ignored: plan.columns.filter((c) => !c.field && c.header !== "").map((c) => c.header),
    counts: plan.counts,
    total: plan.rows.length,
    rows: orderPreviewRows(plan.rows).slice(0, shown),
    // The text goes back only when there is something to apply.
    apply: plan.ok ? { csv: plan.text, hash: plan.hash, digest: plan.digest } : null,
  };
}

// The staff import as HR runs it, in the server process, while the lesson page is under load:
// the file is previewed and then applied through /hr/import as a browser sends the two forms.
// The apply writes IMPORT_BATCH people a transaction and rests between batches (ADR 0030); this
// leg shows what that leaves of the lesson page. It runs last: the people it adds would
// otherwise change the report legs' data.
import path from "node:path";
import Database from "better-sqlite3";
import { decoded, request } from "./http";
import { runLoad } from "./procs";
import type { LoadJob } from "./types";

export type ImportLeg = {
  rows: number;
  previewSeconds: number;
  applySeconds: number;
  /** New accounts found in the database afterwards (read back, not taken from the page). */
  created: number;
  lessonRps: number;
  lessonP99DuringMs: number;
  /** Whether the import was still running when the load's measured window ended. */
  outlastedLoad: boolean;
};

const BOUNDARY = "----pustaka-bench-import";

export async function importDuringLoad(options: {
  base: string;
  cookie: string;
  rows: number;
  lessonJob: LoadJob;
  jobsDir: string;
  dbPath: string;
}): Promise<ImportLeg> {
  const { base, cookie, rows, lessonJob, jobsDir, dbPath } = options;
  const lines = ["name,email,staff number"];
  for (let i = 0; i < rows; i++) lines.push(`Bench Import ${i},bench-import-${i}@bench.test,BI-${i}`);
  const text = lines.join("\n");
  const headers = { cookie, origin: base };

  const multipart =
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\npreview\r\n` +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="staff.csv"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n` +
    `--${BOUNDARY}--\r\n`;
  const preview = await request(`${base}/hr/import`, {
    method: "POST",
    headers: { ...headers, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body: multipart,
    timeoutMs: 120_000,
  });
  const html = decoded(preview).toString("utf8");
  const hash = /name="hash" value="([0-9a-f]{64})"/.exec(html)?.[1];
  const digest = /name="digest" value="([0-9a-f]{64})"/.exec(html)?.[1];
  if (preview.status !== 200 || !hash || !digest)
    throw new Error(`the import preview answered ${preview.status} without an apply form:\n${html.slice(0, 500)}`);

  const form = new URLSearchParams({ intent: "apply", csv: text, hash, digest }).toString();
  const started = performance.now();
  let endedAt = 0;
  const apply = request(`${base}/hr/import`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
    body: form,
    keepBody: false,
    timeoutMs: 600_000,
  }).then((r) => {
    endedAt = performance.now();
    return r;
  });
  const load = await runLoad(lessonJob, path.join(jobsDir, "lesson-import.json"));
  const loadEndedAt = performance.now();
  const applied = await apply;
  if (applied.status !== 200) throw new Error(`the import apply answered ${applied.status}`);

  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const created = (db.prepare("select count(*) as n from users where email like 'bench-import-%@bench.test'").get() as { n: number }).n;
  db.close();
  if (created !== rows) throw new Error(`the import answered 200 but ${created} of ${rows} people are in the database`);
  return {
    rows,
    previewSeconds: preview.seconds,
    applySeconds: (endedAt - started) / 1000,
    created,
    lessonRps: load.rps,
    lessonP99DuringMs: load.p99,
    outlastedLoad: endedAt >= loadEndedAt,
  };
}

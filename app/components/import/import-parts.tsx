// The import page's parts: the upload form, the preview of what a file would do and the result.
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { DataTable } from "~/components/hr/data-table";
import { useI18n, useT } from "~/components/use-t";
import { formatDate, formatNumber } from "~/i18n/format";
import type { MessageKey } from "~/i18n/translate";
import type { ImportPreviewView } from "~/people/import-types";
import type { FileProblem, ImportCounts, ImportField, ImportLink, PreviewRow } from "~/people/import-types";

export const FIELD_LABEL: Record<ImportField, MessageKey> = {
  email: "fields.email",
  name: "fields.name",
  staffNumber: "fields.staffNumber",
  orgUnit: "fields.orgUnit",
  role: "fields.role",
  locale: "fields.language",
};

const BADGE: Record<PreviewRow["action"], string> = {
  create: " badge--passed",
  update: " badge--in-progress",
  unchanged: "",
  error: " badge--failed",
};

export function Alert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "success" }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    // autoFocus too, so the message gets focus without JavaScript as well.
    <div ref={ref} tabIndex={-1} autoFocus role={tone === "error" ? "alert" : "status"} className={`alert alert--${tone}`}>
      {children}
    </div>
  );
}

/** A wide table that scrolls inside its own frame (reachable by keyboard), not the page. */
export function UploadForm({ problem }: { problem: FileProblem | null }) {
  const t = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="stack" aria-labelledby="upload-title">
      <h2 id="upload-title">{t("import.uploadTitle")}</h2>
      <input type="hidden" name="intent" value="preview" />
      <div className={`field${problem ? " field--invalid" : ""}`}>
        <label htmlFor="import-file">{t("import.fileLabel")}</label>
        <p className="field__hint" id="import-file-hint">
          {t("import.fileHint")}
        </p>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          aria-describedby={problem ? "import-file-hint import-problem" : "import-file-hint"}
          aria-invalid={problem ? true : undefined}
          autoFocus={problem !== null}
        />
      </div>
      <details>
        <summary>{t("import.pasteSummary")}</summary>
        <div className="field">
          <label htmlFor="import-text">{t("import.pasteLabel")}</label>
          <textarea id="import-text" name="csvText" rows={8} spellCheck={false} />
        </div>
      </details>
      <p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("import.check")}
        </button>
      </p>
    </Form>
  );
}

function RowDetails({ row }: { row: PreviewRow }) {
  const t = useT();
  if (row.problems.length > 0) {
    return (
      <ul>
        {row.problems.map((p, i) => (
          <li key={i}>
            <strong>{t(FIELD_LABEL[p.field])}:</strong> {t(p.message, p.vars)}
          </li>
        ))}
      </ul>
    );
  }
  const notes = row.notes.map((n) => t(n));
  if (row.action === "update") notes.unshift(t("import.changes", { fields: row.changes.map((c) => t(FIELD_LABEL[c])).join(", ") }));
  return notes.length > 0 ? <>{notes.join(" ")}</> : null;
}

export function ImportPreview({ preview, reason }: { preview: ImportPreviewView; reason: string | null }) {
  const t = useT();
  const { locale } = useI18n();
  const navigation = useNavigation();
  const n = (v: number) => formatNumber(locale, v);
  const separator = preview.delimiter === ";" ? t("import.sepSemicolon") : preview.delimiter === "\t" ? t("import.sepTab") : t("import.sepComma");
  return (
    <section aria-labelledby="preview-title" className="stack">
      <h2 id="preview-title">{t("import.previewTitle")}</h2>
      {preview.fileProblems.length > 0 ? (
        <Alert>
          <ul id="import-problem">
            {preview.fileProblems.map((p, i) => (
              <li key={i}>{t(p.message, p.vars)}</li>
            ))}
          </ul>
        </Alert>
      ) : reason === "changed" ? (
        <Alert>{t("import.changedSincePreview")}</Alert>
      ) : preview.counts.error > 0 ? (
        <Alert>
          {reason === "invalid"
            ? t("import.invalidNow", { count: n(preview.counts.error) })
            : t("import.hasErrors", { count: n(preview.counts.error) })}
        </Alert>
      ) : null}
      <p role="status">
        {t("import.summary", {
          create: n(preview.counts.create),
          update: n(preview.counts.update),
          unchanged: n(preview.counts.unchanged),
          error: n(preview.counts.error),
        })}
      </p>
      <p className="muted">
        {t("import.separator", { separator })}
        {preview.counts.blank > 0 ? ` ${t("import.blankSkipped", { count: n(preview.counts.blank) })}` : ""}
        {preview.ignored.length > 0 ? ` ${t("import.ignoredColumns", { columns: preview.ignored.join(", ") })}` : ""}
      </p>
      {preview.apply ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="apply" />
          <input type="hidden" name="csv" value={preview.apply.csv} />
          <input type="hidden" name="hash" value={preview.apply.hash} />
          <input type="hidden" name="digest" value={preview.apply.digest} />
          <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
            {t("import.apply", { create: n(preview.counts.create), update: n(preview.counts.update) })}
          </button>
        </Form>
      ) : preview.fileProblems.length === 0 && preview.counts.error === 0 ? (
        <p className="notice">{t("import.nothingToDo")}</p>
      ) : null}
      {preview.rows.length > 0 ? (
        <>
          {preview.total > preview.rows.length ? (
            <p className="muted">{t("import.shownFirst", { shown: n(preview.rows.length), total: n(preview.total) })}</p>
          ) : null}
          <DataTable
            labelledBy="preview-title"
            compact
            empty={null}
            headers={(
              [
                "import.line",
                "import.result",
                "fields.email",
                "fields.name",
                "fields.staffNumber",
                "fields.orgUnit",
                "fields.role",
                "import.details",
              ] as const
            ).map((c) => t(c))}
          >
            {preview.rows.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>
                  <span className={`badge${BADGE[r.action]}`}>{t(`import.action.${r.action}`)}</span>
                </td>
                <td>{r.email}</td>
                <td>{r.name}</td>
                <td>{r.staffNumber ?? ""}</td>
                <td>{r.orgUnit ?? ""}</td>
                <td>{r.role ? t(`roles.${r.role}`) : ""}</td>
                <td>
                  <RowDetails row={r} />
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </section>
  );
}

/** What was imported: the whole file, or (`stoppedAtLine`) the batches before an account changed. */
export function ImportApplied({
  result,
}: {
  result: { counts: Pick<ImportCounts, "create" | "update"> & { unchanged?: number }; links: ImportLink[]; stoppedAtLine?: number; failed?: boolean };
}) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  const n = (v: number) => formatNumber(locale, v);
  const expires = result.links[0]?.expiresAt;
  return (
    <section aria-labelledby="applied-title" className="stack">
      {result.stoppedAtLine === undefined ? (
        <>
          <h2 id="applied-title">{t("import.appliedTitle")}</h2>
          <Alert tone="success">
            {t("import.appliedBody", {
              create: n(result.counts.create),
              update: n(result.counts.update),
              unchanged: n(result.counts.unchanged ?? 0),
            })}
          </Alert>
        </>
      ) : (
        <>
          <h2 id="applied-title">{t("import.stoppedTitle", { line: result.stoppedAtLine })}</h2>
          <Alert>
            <span id="import-problem">
              {t(result.failed ? "import.failedBody" : "import.stoppedBody", {
                create: n(result.counts.create),
                update: n(result.counts.update),
                line: result.stoppedAtLine,
              })}
            </span>
          </Alert>
        </>
      )}
      {result.links.length > 0 ? (
        <>
          <h3 id="links-title">{t("import.linksTitle")}</h3>
          <p>{t("import.linksBody", { date: expires ? formatDate(locale, expires, timeZone) : "" })}</p>
          {/* A plain form: the browser downloads the file and stays on this page. */}
          <form method="post" action="/hr/import/links.csv">
            <input type="hidden" name="links" value={JSON.stringify(result.links)} />
            <button type="submit" className="button button--primary">
              {t("import.downloadLinks")}
            </button>
          </form>
          <DataTable
            labelledBy="links-title"
            compact
            empty={null}
            headers={(["fields.name", "fields.email", "import.linkColumn"] as const).map((c) => t(c))}
          >
            {result.links.map((l) => (
              <tr key={l.email}>
                <td>{l.name}</td>
                <td>{l.email}</td>
                <td>
                  <a href={l.url} style={{ wordBreak: "break-all" }}>
                    {l.url}
                  </a>
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
      <p className="actions">
        <Link to="/hr/import" reloadDocument>
          {t("import.another")}
        </Link>
        <Link to="/admin/users">{t("nav.people")}</Link>
      </p>
    </section>
  );
}

/** Which column names are understood, for each field. */
export function ImportColumnsHelp({ headers }: { headers: Record<ImportField, string[]> }) {
  const t = useT();
  return (
    <details>
      <summary>{t("import.columnsTitle")}</summary>
      <p>{t("import.columnsBody")}</p>
      <dl className="facts">
        {(Object.keys(FIELD_LABEL) as ImportField[]).map((f) => (
          <div key={f}>
            <dt>
              {t(FIELD_LABEL[f])}
              {f === "email" || f === "name" ? ` (${t("import.required")})` : ""}
            </dt>
            <dd>{headers[f].slice(0, 8).join(", ")}</dd>
          </div>
        ))}
      </dl>
      <p>{t("import.valuesBody")}</p>
    </details>
  );
}

import {
  data,
  MaxPartSizeExceededError,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type UploadHandler,
} from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { manageableRoles } from "~/auth/policy";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { pageMeta } from "~/components/meta";
import { useI18n, useT } from "~/components/use-t";
import { formatDate, formatNumber } from "~/i18n/format";
import type { MessageKey } from "~/i18n/translate";
import {
  ACCEPTED_HEADERS,
  applyImport,
  decodeCsvBytes,
  IMPORT_MAX_BYTES,
  previewImport,
  type FileProblem,
  type ImportField,
  type ImportLink,
  type PreviewRow,
} from "~/people/import.server";
import { formToObject } from "~/schemas/form";
import { ImportApplySchema, ImportPreviewSchema } from "~/schemas/import";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "import.title");

/** Rows shown in the preview table; every row is still checked and applied. */
const SHOWN_ROWS = 1000;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "people.import");
  return { isAdmin: manageableRoles(actor, "people.import").length > 1, maxMb: IMPORT_MAX_BYTES / 1_000_000, headers: ACCEPTED_HEADERS };
}

type Plan = ReturnType<typeof previewImport>;

function previewView(plan: Plan) {
  const ordered = [...plan.rows.filter((r) => r.action === "error"), ...plan.rows.filter((r) => r.action !== "error")];
  return {
    ok: plan.ok,
    fileProblems: plan.fileProblems,
    delimiter: plan.delimiter,
    ignored: plan.columns.filter((c) => !c.field && c.header !== "").map((c) => c.header),
    counts: plan.counts,
    total: plan.rows.length,
    rows: ordered.slice(0, SHOWN_ROWS),
    // The text goes back only when there is something to apply.
    apply: plan.ok ? { csv: plan.text, hash: plan.hash, digest: plan.digest } : null,
  };
}

type ActionData =
  | { kind: "problem"; problem: FileProblem }
  | { kind: "preview"; preview: ReturnType<typeof previewView>; reason: "invalid" | "changed" | "mismatch" | null }
  | { kind: "applied"; counts: Plan["counts"]; links: ImportLink[] };

/** Past this much in total the upload is cut off; a browser may then show a connection error. */
const UPLOAD_HARD_LIMIT = 64_000_000;

/**
 * Parses the upload, keeping at most IMPORT_MAX_BYTES of each part. A larger part is read to
 * its end and dropped rather than refused mid-way: a browser that is still sending when the
 * answer comes shows a connection error instead of the answer.
 */
async function parseUpload(request: Request): Promise<{ ok: true; form: FormData } | { ok: false; tooLarge: boolean }> {
  let tooLarge = false;
  let total = 0;
  const handler: UploadHandler = async ({ filename, contentType, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      total += chunk.byteLength;
      if (total > UPLOAD_HARD_LIMIT) throw new MaxPartSizeExceededError("upload", UPLOAD_HARD_LIMIT);
      if (size > IMPORT_MAX_BYTES) tooLarge = true;
      else chunks.push(chunk);
    }
    if (size > IMPORT_MAX_BYTES) return undefined;
    if (filename === undefined) return new TextDecoder().decode(Buffer.concat(chunks));
    return new File([Buffer.concat(chunks)], filename, { type: contentType });
  };
  try {
    const form = await unstable_parseMultipartFormData(request, handler);
    return tooLarge ? { ok: false, tooLarge } : { ok: true, form };
  } catch (error) {
    return { ok: false, tooLarge: tooLarge || error instanceof MaxPartSizeExceededError };
  }
}

async function preview(request: Request, actor: Awaited<ReturnType<typeof requireCan>>) {
  const upload = await parseUpload(request);
  if (!upload.ok) {
    const problem: FileProblem = upload.tooLarge
      ? { message: "import.tooLarge", vars: { mb: IMPORT_MAX_BYTES / 1_000_000 } }
      : { message: "import.unreadableUpload" };
    return data<ActionData>({ kind: "problem", problem }, { status: upload.tooLarge ? 413 : 400 });
  }
  const form = upload.form;
  const fields = ImportPreviewSchema.safeParse({
    intent: form.get("intent"),
    csvText: typeof form.get("csvText") === "string" ? form.get("csvText") : undefined,
  });
  if (!fields.success) return data<ActionData>({ kind: "problem", problem: { message: "import.unreadableUpload" } }, { status: 400 });
  const file = form.get("file");
  let text: string;
  if (file && typeof file !== "string" && file.size > 0) {
    const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) return data<ActionData>({ kind: "problem", problem: decoded.problem }, { status: 400 });
    text = decoded.text;
  } else if (fields.data.csvText && fields.data.csvText.trim() !== "") {
    text = fields.data.csvText;
  } else if (file && typeof file !== "string" && file.name !== "") {
    return data<ActionData>({ kind: "problem", problem: { message: "import.emptyFile" } }, { status: 400 });
  } else {
    return data<ActionData>({ kind: "problem", problem: { message: "import.noFile" } }, { status: 400 });
  }
  const plan = previewImport(actor, text);
  return data<ActionData>({ kind: "preview", preview: previewView(plan), reason: null }, { status: plan.fileProblems.length > 0 ? 400 : 200 });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCan(request, "people.import");
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return preview(request, actor);
  const parsed = ImportApplySchema.safeParse(formToObject(await request.formData()));
  if (!parsed.success) return data<ActionData>({ kind: "problem", problem: { message: "import.mismatch" } }, { status: 400 });
  const result = applyImport(actor, { text: parsed.data.csv, hash: parsed.data.hash, digest: parsed.data.digest });
  if (!result.ok) {
    if (result.reason === "mismatch") return data<ActionData>({ kind: "problem", problem: { message: "import.mismatch" } }, { status: 400 });
    return data<ActionData>({ kind: "preview", preview: previewView(result.plan), reason: result.reason }, { status: 409 });
  }
  return data<ActionData>({ kind: "applied", counts: result.counts, links: result.links });
}

const FIELD_LABEL: Record<ImportField, MessageKey> = {
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

function Alert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "success" }) {
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

function UploadForm({ problem }: { problem: FileProblem | null }) {
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

function Preview({ preview, reason }: { preview: Extract<ActionData, { kind: "preview" }>["preview"]; reason: string | null }) {
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
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="preview-title">
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t("import.line")}</th>
                  <th scope="col">{t("import.result")}</th>
                  <th scope="col">{t("fields.email")}</th>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("fields.staffNumber")}</th>
                  <th scope="col">{t("fields.orgUnit")}</th>
                  <th scope="col">{t("fields.role")}</th>
                  <th scope="col">{t("import.details")}</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

function Applied({ result }: { result: Extract<ActionData, { kind: "applied" }> }) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  const n = (v: number) => formatNumber(locale, v);
  const expires = result.links[0]?.expiresAt;
  return (
    <section aria-labelledby="applied-title" className="stack">
      <h2 id="applied-title">{t("import.appliedTitle")}</h2>
      <Alert tone="success">
        {t("import.appliedBody", { create: n(result.counts.create), update: n(result.counts.update), unchanged: n(result.counts.unchanged) })}
      </Alert>
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
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="links-title">
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("fields.email")}</th>
                  <th scope="col">{t("import.linkColumn")}</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
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

export default function ImportPage() {
  const { maxMb, headers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const problem = actionData?.kind === "problem" ? actionData.problem : null;
  // A plain block, not a grid: a wide table must scroll inside its frame, not widen the page.
  return (
    <div>
      <h1>{t("import.title")}</h1>
      {actionData?.kind === "applied" ? (
        <Applied result={actionData} />
      ) : (
        <>
          <p className="lead">{t("import.intro", { mb: maxMb })}</p>
          {problem ? (
            <Alert>
              <span id="import-problem">{t(problem.message, problem.vars)}</span>
            </Alert>
          ) : null}
          <UploadForm problem={problem} />
          {actionData?.kind === "preview" ? <Preview preview={actionData.preview} reason={actionData.reason} /> : null}
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
        </>
      )}
    </div>
  );
}

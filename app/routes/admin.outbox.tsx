import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { pageMeta } from "~/components/meta";
import { DataTable } from "~/components/hr/data-table";
import { FilterForm, SelectFilter } from "~/components/hr/filter-form";
import { Pagination } from "~/components/pagination";
import { useI18n, useT } from "~/components/use-t";
import { formatDateTime } from "~/i18n/format";
import { listOutbox, outboxMessage, retryOutboxMessage } from "~/outbox/admin.server";
import { OutboxQuerySchema, OutboxRetrySchema } from "~/schemas/notifications";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "outbox.title");

const PER_PAGE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "outbox.manage");
  const query = OutboxQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (query.id) return { message: await outboxMessage(user, query.id), list: null, query };
  const list = await listOutbox(user, { status: query.status, limit: PER_PAGE, offset: (query.page - 1) * PER_PAGE });
  return { message: null, list: { ...list, pages: Math.max(1, Math.ceil(list.total / PER_PAGE)) }, query };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(request, "outbox.manage");
  const parsed = OutboxRetrySchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  await retryOutboxMessage(user, parsed.data.id);
  return redirect(`/admin/outbox?id=${encodeURIComponent(parsed.data.id)}`);
}

const bodyOf = (html: string) => html.match(/<body[^>]*>([\s\S]*)<\/body>/)?.[1] ?? "";

const STATUS_KEYS = { pending: "outbox.status.pending", sent: "outbox.status.sent", failed: "outbox.status.failed" } as const;

export default function OutboxPage() {
  const { message, list, query } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  const statusLabel = (status: keyof typeof STATUS_KEYS, transport: string | null) =>
    status === "sent" && transport === "capture" ? t("outbox.captured") : t(STATUS_KEYS[status]);
  if (message) {
    return (
      <div>
        <p>
          <Link to="/admin/outbox">{t("outbox.back")}</Link>
        </p>
        <h1>{message.subject}</h1>
        <dl className="facts">
          <dt>{t("outbox.to")}</dt>
          <dd>{message.toEmail}</dd>
          <dt>{t("outbox.kind")}</dt>
          <dd>{message.kind}</dd>
          <dt>{t("outbox.status")}</dt>
          <dd>{statusLabel(message.status, message.transport)}</dd>
          <dt>{t("outbox.created")}</dt>
          <dd>{formatDateTime(locale, message.createdAt, timeZone)}</dd>
          <dt>{t("outbox.attempts")}</dt>
          <dd>{message.attempts}</dd>
          {message.lastError ? (
            <>
              <dt>{t("outbox.error")}</dt>
              <dd>{message.lastError}</dd>
            </>
          ) : null}
        </dl>
        {message.status === "failed" ? (
          <Form method="post">
            <input type="hidden" name="id" value={message.id} />
            <button type="submit" className="button button--primary">
              {t("outbox.retry")}
            </button>
          </Form>
        ) : null}
        <h2>{t("outbox.htmlVersion")}</h2>
        {/* Our own renderer made this HTML with every value escaped (app/notifications/render.server.ts). */}
        <div className="mail-preview" dangerouslySetInnerHTML={{ __html: bodyOf(message.htmlBody) }} />
        <h2>{t("outbox.textVersion")}</h2>
        <pre className="mail-text">{message.textBody}</pre>
      </div>
    );
  }
  return (
    <div>
      <h1>{t("outbox.title")}</h1>
      <p className="lead">{t("outbox.intro")}</p>
      <FilterForm label={t("outbox.filter")}>
        <SelectFilter
          id="outbox-status"
          name="status"
          label={t("outbox.filter")}
          value={query.status}
          options={(["pending", "sent", "failed"] as const).map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))}
        />
      </FilterForm>
      <DataTable
        label={t("outbox.title")}
        empty={list!.rows.length === 0 ? t("outbox.empty") : null}
        headers={[t("outbox.created"), t("outbox.to"), t("outbox.subject"), t("outbox.status"), t("outbox.attempts")]}
      >
        {list!.rows.map((r) => (
          <tr key={r.id}>
            <td>{formatDateTime(locale, r.createdAt, timeZone)}</td>
            <td>{r.toEmail}</td>
            <td>
              <Link to={`?id=${r.id}`}>{r.subject}</Link>
            </td>
            <td>
              {statusLabel(r.status, r.transport)}
              {r.lastError ? <div className="muted">{r.lastError}</div> : null}
            </td>
            <td>{r.attempts}</td>
          </tr>
        ))}
      </DataTable>
      <Pagination
        page={query.page}
        pages={list!.pages}
        href={(p) => `?${new URLSearchParams({ ...(query.status ? { status: query.status } : {}), page: String(p) })}`}
      />
    </div>
  );
}

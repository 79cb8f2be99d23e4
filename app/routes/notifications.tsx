import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { pageMeta } from "~/components/meta";
import { Pagination } from "~/components/pagination";
import { useI18n, useT } from "~/components/use-t";
import { formatDateTime } from "~/i18n/format";
import { listNotifications, markRead } from "~/notifications/in-app.server";
import { MarkReadSchema } from "~/schemas/notifications";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "notifications.title");

const PER_PAGE = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "notifications.own");
  const page = Math.max(1, Math.min(10_000, Number(new URL(request.url).searchParams.get("page")) || 1));
  const list = await listNotifications(user, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE });
  return { ...list, page, pages: Math.max(1, Math.ceil(list.total / PER_PAGE)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(request, "notifications.own");
  const parsed = MarkReadSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  await markRead(user, parsed.data.intent === "read-all" ? null : (parsed.data.id ?? ""));
  return redirect(new URL(request.url).pathname + new URL(request.url).search);
}

export default function NotificationsPage() {
  const { rows, unread, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  return (
    <div className="narrow">
      <h1>{t("notifications.title")}</h1>
      <p className="muted">
        {t("notifications.unreadCount", { count: unread })} · <Link to="/account">{t("notifications.prefsHint")}</Link>
      </p>
      {unread > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="read-all" className="button">
            {t("notifications.markAllRead")}
          </button>
        </Form>
      ) : null}
      {rows.length === 0 ? <p>{t("notifications.empty")}</p> : null}
      <ul className="notice-list">
        {rows.map((n) => (
          <li key={n.id} className={n.read ? "notice" : "notice notice--unread"}>
            <h2 className="notice__title">
              {n.read ? null : <span className="badge">{t("notifications.new")}</span>} {n.title}
            </h2>
            <p>{n.body}</p>
            <p className="muted">
              <time dateTime={n.createdAt}>{formatDateTime(locale, n.createdAt, timeZone)}</time>
            </p>
            <div className="notice__actions">
              {n.link ? (
                // Through /notifications/:id, which marks the notice read on the way.
                <Link to={`/notifications/${n.id}`} className="button button--quiet">
                  {t("notifications.open")}
                </Link>
              ) : null}
              {n.read ? null : (
                <Form method="post">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" name="intent" value="read" className="button button--quiet">
                    {t("notifications.markRead")}
                  </button>
                </Form>
              )}
            </div>
          </li>
        ))}
      </ul>
      <Pagination page={page} pages={pages} href={(p) => `?page=${p}`} />
    </div>
  );
}

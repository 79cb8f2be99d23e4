import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { FormAlert } from "~/components/form";
import { pageMeta } from "~/components/meta";
import { OrgUnitSelect } from "~/components/org-unit-select";
import { Pagination } from "~/components/pagination";
import { useT } from "~/components/use-t";
import { resolveLocale } from "~/i18n/locale.server";
import { queuePage } from "~/practice/review-page.server";
import { formToObject } from "~/schemas/form";
import { QueueQuerySchema } from "~/schemas/practice";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "review.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "reviews.review");
  const locale = await resolveLocale(request, actor);
  const query = QueueQuerySchema.parse(formToObject(new URL(request.url).searchParams));
  const page = await queuePage(actor, query, locale);
  const params = new URLSearchParams();
  if (query.module) params.set("module", query.module);
  if (query.unit) params.set("unit", query.unit);
  return { ...page, query, filterQuery: params.toString(), decided: new URL(request.url).searchParams.get("done") === "decided" };
}

function Waiting({ ms }: { ms: number }) {
  const t = useT();
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 120) return <>{t("review.minutes", { count: minutes })}</>;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return <>{t("review.hours", { count: hours })}</>;
  return <>{t("review.days", { count: Math.floor(hours / 24) })}</>;
}

export default function ReviewQueue() {
  const { rows, total, page, pages, moduleOptions, units, query, filterQuery, decided } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1>{t("review.title")}</h1>
      <p className="lead">{t("review.intro")}</p>
      {decided ? <FormAlert tone="success" message={t("review.decided")} /> : null}
      <Form method="get" className="filters" aria-label={t("review.filters")}>
        <div className="field">
          <label htmlFor="f-module">{t("review.module")}</label>
          <select id="f-module" name="module" defaultValue={query.module ?? ""}>
            <option value="">{t("common.all")}</option>
            {moduleOptions.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <OrgUnitSelect id="f-unit" name="unit" label={t("review.unit")} units={units} defaultValue={query.unit} />
        <button type="submit" className="button">
          {t("common.apply")}
        </button>
      </Form>
      <p role="status">{t("review.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p className="notice">{t("review.empty")}</p>
      ) : (
        // position: relative keeps visually hidden text inside the scrolling box on a phone.
        <div className="table-scroll" style={{ position: "relative" }} tabIndex={0} role="region" aria-label={t("review.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("review.waiting")}</th>
                <th scope="col">{t("review.learner")}</th>
                <th scope="col">{t("review.task")}</th>
                <th scope="col">{t("review.module")}</th>
                <th scope="col">{t("review.unit")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id}>
                  <td>
                    <Waiting ms={r.waitingMs} />
                  </td>
                  <td>{r.learnerName}</td>
                  <td>
                    <Link to={`/review/${r.id}`} data-main-action={i === 0 ? true : undefined}>
                      {r.titles.task}
                    </Link>{" "}
                    <span className="muted">· {t("practice.version", { version: r.version })}</span>
                    {r.claimedBy ? <div className="muted">{t("review.claimedBy", { name: r.claimedBy })}</div> : null}
                  </td>
                  <td>{r.titles.module}</td>
                  <td>{r.unitName ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} href={(p) => `/review?${filterQuery ? `${filterQuery}&` : ""}page=${p}`} />
    </div>
  );
}

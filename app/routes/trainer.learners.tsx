import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { pick } from "~/content/model";
import { getContent, visibleModules } from "~/content/registry.server";
import { pageMeta } from "~/components/meta";
import { DataTable } from "~/components/hr/data-table";
import { FilterForm, SelectFilter } from "~/components/hr/filter-form";
import { Pagination } from "~/components/pagination";
import { ProgressBar, StatusBadge } from "~/components/status-badge";
import { useI18n, useT } from "~/components/use-t";
import { formatDateTime, formatPercent } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { moduleLearners } from "~/reports/learners.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "learners.title");

const PAGE_SIZE = 50;
const LearnersQuerySchema = z.object({
  module: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "learners.read");
  const locale = await resolveLocale(request, user);
  const query = LearnersQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const modules = visibleModules(await getContent(), "staff");
  const mod = modules.find((m) => m.slug === query.module) ?? modules[0];
  const page = query.page ?? 1;
  const result = mod ? await moduleLearners(user, mod, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) : { rows: [], total: 0 };
  return {
    modules: modules.map((m) => ({ slug: m.slug, title: pick(m.title, locale) })),
    selected: mod?.slug ?? null,
    page,
    pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    ...result,
  };
}

export default function LearnersPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  const title = data.modules.find((m) => m.slug === data.selected)?.title ?? "";
  return (
    <div>
      <h1>{t("learners.title")}</h1>
      <p className="lead">{t("learners.intro")}</p>
      <FilterForm label={t("learners.module")}>
        <SelectFilter
          id="learners-module"
          name="module"
          label={t("learners.module")}
          value={data.selected}
          all={false}
          options={data.modules.map((m) => ({ value: m.slug, label: m.title }))}
        />
      </FilterForm>
      <p role="status">{t("learners.count", { count: data.total, title })}</p>
      <DataTable
        label={t("learners.tableLabel", { title })}
        empty={null}
        headers={[
          t("fields.name"),
          t("fields.orgUnit"),
          t("learners.status"),
          t("learners.lessons"),
          t("learners.attempts"),
          t("learners.bestScore"),
          t("learners.lastActivity"),
        ]}
      >
        {data.rows.map((r, i) => (
          <tr key={i}>
            <td>{r.name}</td>
            <td>{r.orgUnit ?? "—"}</td>
            <td>
              <StatusBadge status={r.status} />
            </td>
            <td>
              <ProgressBar done={r.lessonsDone} total={r.lessonsTotal} label={t("learners.lessonsOf", { name: r.name })} />
            </td>
            <td>{r.attempts}</td>
            <td>{r.bestScore === null ? "—" : formatPercent(locale, r.bestScore)}</td>
            <td>{r.lastActivity ? formatDateTime(locale, r.lastActivity, timeZone) : "—"}</td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={data.page} pages={data.pages} href={(p) => `?module=${data.selected}&page=${p}`} />
    </div>
  );
}

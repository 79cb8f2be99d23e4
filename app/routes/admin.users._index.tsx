import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { manageableRoles } from "~/auth/policy";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/use-t";
import { orgUnitTree, withDescendants } from "~/people/org-units.server";
import { listUsers } from "~/people/users.server";
import { UserListQuerySchema } from "~/schemas/people";
import { pageMeta } from "~/components/meta";
import { OrgUnitSelect } from "~/components/org-unit-select";
import { DataTable } from "~/components/hr/data-table";
import { activeFilters, FilterDisclosure, FilterForm, InputFilter, SelectFilter } from "~/components/hr/filter-form";
import { Pagination } from "~/components/pagination";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "people.title");

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "people.manage");
  const query = UserListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const units = await orgUnitTree();
  const page = query.page ?? 1;
  const { rows, total } = await listUsers(actor, {
    q: query.q,
    role: query.role,
    active: query.active ?? "active",
    orgUnitIds: query.orgUnit ? withDescendants(query.orgUnit, units) : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return {
    rows,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    query,
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    roles: [...manageableRoles(actor, "people.manage")],
  };
}

export default function PeoplePage() {
  const { rows, total, page, pages, query, units, roles } = useLoaderData<typeof loader>();
  const t = useT();
  const pageLink = (p: number) => {
    const params = new URLSearchParams(
      Object.entries(query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    params.set("page", String(p));
    return `?${params}`;
  };
  return (
    <div>
      <div className="page-head">
        <h1>{t("people.title")}</h1>
        <div className="actions">
          <Link to="/hr/import" className="button">
            {t("people.importLink")}
          </Link>
          <Link to="/admin/users/new" className="button button--primary">
            {t("people.add")}
          </Link>
        </div>
      </div>
      <FilterDisclosure active={activeFilters({ ...query, active: query.active === "active" ? undefined : query.active })}>
        <FilterForm label={t("people.filter")}>
          <InputFilter id="q" type="search" label={t("people.search")} value={query.q} />
          <OrgUnitSelect id="orgUnit" name="orgUnit" label={t("fields.orgUnit")} units={units} defaultValue={query.orgUnit} />
          {roles.length > 1 ? (
            <SelectFilter
              id="role"
              label={t("fields.role")}
              value={query.role}
              options={roles.map((r) => ({ value: r, label: t(`roles.${r as "staff"}`) }))}
            />
          ) : null}
          <SelectFilter
            id="active"
            label={t("people.status")}
            value={query.active ?? "active"}
            all={false}
            options={[
              { value: "active", label: t("people.activeOnly") },
              { value: "inactive", label: t("people.inactiveOnly") },
              { value: "all", label: t("common.all") },
            ]}
          />
        </FilterForm>
      </FilterDisclosure>
      <p role="status">{t("people.count", { count: total })}</p>
      <DataTable
        label={t("people.title")}
        empty={null}
        headers={[t("fields.name"), t("fields.email"), t("fields.staffNumber"), t("fields.orgUnit"), t("fields.role"), t("people.status")]}
      >
        {rows.map((u, i) => (
          <tr key={u.id}>
            <td>
              <Link to={`/admin/users/${u.id}`} data-main-action={i === 0 ? true : undefined}>
                {u.displayName}
              </Link>
            </td>
            <td>{u.email}</td>
            <td>{u.staffNumber ?? "—"}</td>
            <td>{u.orgUnitName ?? "—"}</td>
            <td>{t(`roles.${u.role}`)}</td>
            <td>{!u.active ? t("people.inactive") : u.hasPassword ? t("people.active") : t("people.invited")}</td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={page} pages={pages} href={pageLink} />
    </div>
  );
}

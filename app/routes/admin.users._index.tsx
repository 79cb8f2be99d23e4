import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { manageableRoles } from "~/auth/policy";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/use-t";
import { orgUnitTree, withDescendants } from "~/people/org-units.server";
import { listUsers } from "~/people/users.server";
import { UserListQuerySchema } from "~/schemas/people";
import { pageMeta } from "~/components/meta";
import { OrgUnitSelect } from "~/components/org-unit-select";
import { Pagination } from "~/components/pagination";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "people.title");

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "people.manage");
  const query = UserListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const units = orgUnitTree();
  const page = query.page ?? 1;
  const { rows, total } = listUsers(actor, {
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
      <Form method="get" className="filters" role="search" aria-label={t("people.filter")}>
        <div className="field">
          <label htmlFor="q">{t("people.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} />
        </div>
        <OrgUnitSelect id="orgUnit" name="orgUnit" label={t("fields.orgUnit")} units={units} defaultValue={query.orgUnit} />
        {roles.length > 1 ? (
          <div className="field">
            <label htmlFor="role">{t("fields.role")}</label>
            <select id="role" name="role" defaultValue={query.role ?? ""}>
              <option value="">{t("common.all")}</option>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r as "staff"}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="active">{t("people.status")}</label>
          <select id="active" name="active" defaultValue={query.active ?? "active"}>
            <option value="active">{t("people.activeOnly")}</option>
            <option value="inactive">{t("people.inactiveOnly")}</option>
            <option value="all">{t("common.all")}</option>
          </select>
        </div>
        <button type="submit" className="button">
          {t("common.apply")}
        </button>
      </Form>
      <p role="status">{t("people.count", { count: total })}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t("people.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("fields.name")}</th>
              <th scope="col">{t("fields.email")}</th>
              <th scope="col">{t("fields.staffNumber")}</th>
              <th scope="col">{t("fields.orgUnit")}</th>
              <th scope="col">{t("fields.role")}</th>
              <th scope="col">{t("people.status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.displayName}</Link>
                </td>
                <td>{u.email}</td>
                <td>{u.staffNumber ?? "—"}</td>
                <td>{u.orgUnitName ?? "—"}</td>
                <td>{t(`roles.${u.role}`)}</td>
                <td>{!u.active ? t("people.inactive") : u.hasPassword ? t("people.active") : t("people.invited")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pages={pages} href={pageLink} />
    </div>
  );
}

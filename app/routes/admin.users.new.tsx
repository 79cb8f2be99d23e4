import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { manageableRoles } from "~/auth/policy";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CopyLink } from "~/components/copy-link";
import { UserForm } from "~/components/user-form";
import { useI18n, useT } from "~/components/use-t";
import { formatDate } from "~/i18n/format";
import { orgUnitTree } from "~/people/org-units.server";
import { createUser } from "~/people/users.server";
import { UserFormSchema } from "~/schemas/auth";
import { parseForm } from "~/schemas/form";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "people.addTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "people.manage");
  return {
    roles: [...manageableRoles(actor, "people.manage")],
    units: (await orgUnitTree()).map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCan(request, "people.manage");
  const parsed = parseForm(UserFormSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values, created: null }, { status: 400 });
  const result = await createUser(actor, parsed.data);
  if (!result.ok) {
    return data({ errors: { [result.field]: result.message }, values: parsed.data as Record<string, string | null>, created: null }, { status: 400 });
  }
  return {
    errors: {},
    values: {},
    created: { userId: result.userId, name: parsed.data.displayName, url: result.setPasswordUrl, expiresAt: result.expiresAt.toISOString() },
  };
}

export default function NewUserPage() {
  const { roles, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  if (actionData?.created) {
    const c = actionData.created;
    return (
      <div className="narrow">
        <h1>{t("people.createdTitle", { name: c.name })}</h1>
        <div role="status" className="alert alert--success">
          {t("people.createdBody", { date: formatDate(locale, c.expiresAt, timeZone) })}
        </div>
        <CopyLink url={c.url} label={t("people.setPasswordLink")} />
        <p className="actions">
          <Link to={`/admin/users/${c.userId}`}>{t("people.openAccount")}</Link>
          <Link to="/admin/users/new">{t("people.addAnother")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("people.addTitle")}</h1>
      <UserForm values={actionData?.values} errors={actionData?.errors} roles={roles} orgUnits={units} submitLabel={t("people.create")} />
    </div>
  );
}

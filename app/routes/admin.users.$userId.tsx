import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { routeParam } from "~/schemas/route-params";
import { requireCan } from "~/auth/policy.server";
import { manageableRoles } from "~/auth/policy";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CopyLink } from "~/components/copy-link";
import { FormAlert } from "~/components/form";
import { UserForm } from "~/components/user-form";
import { useI18n, useT } from "~/components/use-t";
import { formatDate } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import { orgUnitTree } from "~/people/org-units.server";
import { getUserForManagement, reissueSetPasswordLink, setUserActive, updateUser } from "~/people/users.server";
import { UserFormSchema } from "~/schemas/auth";
import { parseForm } from "~/schemas/form";
import { UserActionSchema } from "~/schemas/people";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "people.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "people.manage");
  const user = await getUserForManagement(actor, routeParam(params, "userId"));
  return {
    user: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      staffNumber: user.staffNumber,
      role: user.role,
      orgUnitId: user.orgUnitId,
      locale: user.locale,
      active: user.active,
      hasPassword: user.passwordHash !== null,
      isSelf: user.id === actor.id,
    },
    // Nobody changes their own role: an administrator could lock everyone out.
    roles: user.id === actor.id ? [user.role] : [...manageableRoles(actor, "people.manage")],
    units: (await orgUnitTree()).map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCan(request, "people.manage");
  const userId = routeParam(params, "userId");
  const form = await request.formData();
  const intent = UserActionSchema.safeParse({ intent: form.get("intent") });
  if (!intent.success) throw new Response("Bad request", { status: 400 });
  const { t } = await getTranslator(request, actor);
  switch (intent.data.intent) {
    case "deactivate":
    case "reactivate":
      await setUserActive(actor, userId, intent.data.intent === "reactivate");
      return { errors: {}, values: null, notice: t(intent.data.intent === "reactivate" ? "people.reactivated" : "people.deactivated"), link: null };
    case "password-link": {
      const link = await reissueSetPasswordLink(actor, userId);
      return { errors: {}, values: null, notice: null, link: { url: link.url, expiresAt: link.expiresAt.toISOString() } };
    }
    case "save": {
      const parsed = parseForm(UserFormSchema, form);
      // On a problem the form shows what was entered, not the stored values.
      if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values, notice: null, link: null }, { status: 400 });
      const result = await updateUser(actor, userId, parsed.data);
      if (!result.ok) {
        return data(
          { errors: { [result.field]: result.message }, values: parsed.data as Record<string, string | null>, notice: null, link: null },
          { status: 400 },
        );
      }
      return { errors: {}, values: null, notice: t("people.saved"), link: null };
    }
  }
}

export default function EditUserPage() {
  const { user, roles, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  return (
    <div className="narrow">
      <p>
        <Link to="/admin/users">← {t("people.title")}</Link>
      </p>
      <h1>{user.displayName}</h1>
      <p>{!user.active ? t("people.inactive") : user.hasPassword ? t("people.active") : t("people.invited")}</p>
      <FormAlert message={actionData?.notice} tone="success" />
      {actionData?.link ? (
        <>
          <div role="status" className="alert alert--success">
            {t("people.createdBody", { date: formatDate(locale, actionData.link.expiresAt, timeZone) })}
          </div>
          <CopyLink url={actionData.link.url} label={t("people.setPasswordLink")} />
        </>
      ) : null}
      <UserForm values={actionData?.values ?? user} errors={actionData?.errors} roles={roles} orgUnits={units} submitLabel={t("common.save")} />
      <h2>{t("people.accessTitle")}</h2>
      <div className="actions">
        <Form method="post">
          <input type="hidden" name="intent" value="password-link" />
          <button type="submit" className="button">
            {t("people.newLink")}
          </button>
        </Form>
        {user.isSelf ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value={user.active ? "deactivate" : "reactivate"} />
            <button type="submit" className={`button${user.active ? " button--danger" : ""}`}>
              {user.active ? t("people.deactivate") : t("people.reactivate")}
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}

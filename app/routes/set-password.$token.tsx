import { homePathFor } from "~/auth/home.server";
import { routeParam } from "~/schemas/route-params";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { consumeSetPasswordLink } from "~/account/password.server";
import { findPasswordTokenUser } from "~/auth/password-tokens.server";
import { startSession } from "~/auth/session.server";
import { settleLocaleAtSignIn } from "~/people/locale.server";
import { FormAlert } from "~/components/form";
import { NewPasswordFields } from "~/components/password-fields";
import { useT } from "~/components/use-t";
import { SetPasswordSchema } from "~/schemas/auth";
import { parseForm } from "~/schemas/form";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "setPassword.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findPasswordTokenUser(routeParam(params, "token"));
  if (!found || !found.active) return { valid: false as const };
  return { valid: true as const, email: found.email, displayName: found.displayName };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(SetPasswordSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors, expired: false }, { status: 400 });
  const userId = await consumeSetPasswordLink(routeParam(params, "token"), parsed.data.password);
  if (!userId) return data({ errors: {}, expired: true }, { status: 410 });
  await settleLocaleAtSignIn(request, userId);
  return startSession(userId, await homePathFor(userId));
}

export default function SetPasswordPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  if (!loaderData.valid || actionData?.expired) {
    return (
      <div className="narrow">
        <h1>{t("setPassword.invalidTitle")}</h1>
        <p>{t("setPassword.invalidBody")}</p>
        <p>
          <Link to="/login">{t("setPassword.toLogin")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("setPassword.title")}</h1>
      <p className="lead">{t("setPassword.intro", { name: loaderData.displayName, email: loaderData.email })}</p>
      <FormAlert message={null} />
      <Form method="post" noValidate className="stack">
        <NewPasswordFields email={loaderData.email} errors={actionData?.errors} />
        <button type="submit" className="button button--primary">
          {t("setPassword.submit")}
        </button>
      </Form>
    </div>
  );
}

import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { routeParam } from "~/schemas/route-params";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { ErrorText, FormAlert } from "~/components/form";
import { pageMeta } from "~/components/meta";
import { LevelExample, RubricTable, StateBadge, VersionCard, levelLabel, pointsLabel } from "~/components/practice-parts";
import { SimpleMarkdown } from "~/components/simple-markdown";
import { useI18n, useT } from "~/components/use-t";
import { formatDateTime } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import { reviewAction, reviewPage } from "~/practice/review-page.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, "review.pageTitle", { task: data?.task.title ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "reviews.review");
  const { locale } = await getTranslator(request, actor);
  return reviewPage(actor, routeParam(params, "submissionId"), locale);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCan(request, "reviews.review");
  const { t } = await getTranslator(request, actor);
  const id = routeParam(params, "submissionId");
  const result = await reviewAction(actor, id, await request.formData(), t);
  if (result.ok) throw redirect(result.done === "decided" ? "/review?done=decided" : `/review/${id}`);
  return data(result, { status: 400 });
}

export default function ReviewPage() {
  const { task, examples, learnerName, unitName, state, claim, current, earlier, decidable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const { locale, timeZone } = useI18n();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  const err = (name: string) => <ErrorText id={`err-${name}`}>{errors[name]}</ErrorText>;
  return (
    <div className="narrow">
      <p>
        <Link to="/review">← {t("review.title")}</Link>
      </p>
      <h1>{t("review.pageTitle", { task: task.title })}</h1>
      <p>
        {learnerName}
        {unitName ? ` · ${unitName}` : ""} · {task.moduleTitle} · <StateBadge state={state} />
      </p>
      {actionData?.message ? <FormAlert message={actionData.message} /> : null}
      <details>
        <summary>{t("practice.instructions")}</summary>
        <SimpleMarkdown source={task.instructions} linkBase={task.linkBase} />
      </details>
      <h2>{t("review.submission")}</h2>
      {current ? (
        <div data-main-action>
          <VersionCard v={current} rubric={task.rubric} />
        </div>
      ) : null}
      {claim && !claim.byMe ? (
        <p className="notice">{t("review.takenBy", { name: claim.name, time: formatDateTime(locale, claim.expiresAt, timeZone) })}</p>
      ) : null}
      {claim?.byMe ? <p className="notice">{t("review.claimedByMe", { time: formatDateTime(locale, claim.expiresAt, timeZone) })}</p> : null}
      {decidable && !claim ? (
        <Form method="post">
          <button type="submit" name="intent" value="claim" className="button">
            {t("review.claim")}
          </button>
        </Form>
      ) : null}
      {decidable ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="decide" />
          {task.rubric.map((c) => (
            <fieldset key={c.id} className={errors[`level.${c.id}`] ? "field--invalid" : undefined}>
              <legend>{c.title}</legend>
              {c.levels.map((l, i) => (
                <div key={i} className="choice">
                  <input
                    type="radio"
                    id={`level-${c.id}-${i + 1}`}
                    name={`level.${c.id}`}
                    value={i + 1}
                    defaultChecked={values[`level.${c.id}`] === String(i + 1)}
                  />
                  <label htmlFor={`level-${c.id}-${i + 1}`}>
                    <strong>{levelLabel(t, i + 1, c.levels.length)}</strong> <span className="muted">({pointsLabel(t, l.points, locale)})</span>{" "}
                    {l.descriptor}
                  </label>
                  <LevelExample example={examples[c.id]?.[i] ?? null} />
                </div>
              ))}
              {err(`level.${c.id}`)}
              <div className="field">
                <label htmlFor={`comment-${c.id}`}>{t("review.criterionComment", { criterion: c.title })}</label>
                <textarea
                  id={`comment-${c.id}`}
                  name={`comment.${c.id}`}
                  rows={3}
                  defaultValue={values[`comment.${c.id}`]}
                  aria-invalid={errors[`comment.${c.id}`] ? true : undefined}
                  aria-describedby={errors[`comment.${c.id}`] ? `err-comment.${c.id}` : undefined}
                />
                {err(`comment.${c.id}`)}
              </div>
            </fieldset>
          ))}
          <div className="field">
            <label htmlFor="overall">{t("practice.overall")}</label>
            <textarea
              id="overall"
              name="overall"
              rows={4}
              defaultValue={values.overall}
              aria-invalid={errors.overall ? true : undefined}
              aria-describedby={errors.overall ? "err-overall" : undefined}
            />
            {err("overall")}
          </div>
          <fieldset>
            <legend>{t("review.decision")}</legend>
            <div className="choice">
              <input type="radio" id="decision-approved" name="decision" value="approved" defaultChecked={values.decision === "approved"} />
              <label htmlFor="decision-approved">{t("review.approve")}</label>
            </div>
            <div className="choice">
              <input
                type="radio"
                id="decision-changes"
                name="decision"
                value="changes-requested"
                defaultChecked={values.decision === "changes-requested"}
              />
              <label htmlFor="decision-changes">{t("review.requestChanges")}</label>
            </div>
            {err("decision")}
          </fieldset>
          <p className="actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {t("review.save")}
            </button>
          </p>
        </Form>
      ) : null}
      <details>
        <summary>{t("practice.rubric")}</summary>
        <RubricTable rubric={task.rubric} minLevel={task.minLevel} examples={examples} />
      </details>
      {earlier.length > 0 ? (
        <>
          <h2>{t("review.history")}</h2>
          {earlier.map((v) => (
            <VersionCard key={v.id} v={v} rubric={task.rubric} />
          ))}
        </>
      ) : null}
    </div>
  );
}

import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorText, FormAlert } from "~/components/form";
import { pageMeta } from "~/components/meta";
import { PostStem } from "~/components/post-stem";
import { FileList, ReviewFeedback, RubricTable, StateBadge, VersionCard } from "~/components/practice-parts";
import { SimpleMarkdown } from "~/components/simple-markdown";
import { useT } from "~/components/use-t";
import { notFound, requireLearnerModule } from "~/learning/access.server";
import { findTask } from "~/practice/submissions.server";
import { handleTaskPost, taskPageData } from "~/practice/task-page.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, "practice.taskTitle", { title: data?.task.title ?? "" });

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const ctx = await requireLearnerModule(request, params.module);
  const task = findTask(ctx.mod, params.task);
  if (!task || ctx.broken) notFound();
  return { ...ctx, task };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, mod, task, locale } = await load(request, params);
  const done = new URL(request.url).searchParams.get("done");
  return { ...(await taskPageData(user, mod, task, locale)), done: done === "saved" || done === "submitted" ? done : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, mod, task, t } = await load(request, params);
  const result = await handleTaskPost(request, user, mod, task, t);
  // Post/redirect/get: a reload never posts twice, with or without JavaScript.
  if (result.ok) throw redirect(`/learn/${mod.slug}/tasks/${task.slug}?done=${result.done}`);
  return data(result, { status: 400 });
}

type TaskText = { instructions: string; linkBase: string; scenario: Parameters<typeof PostStem>[0]["post"] | null };

function Instructions({ task }: { task: TaskText }) {
  const t = useT();
  return (
    <>
      <SimpleMarkdown source={task.instructions} linkBase={task.linkBase} />
      {task.scenario ? (
        <>
          <h3>{t("practice.scenario")}</h3>
          <PostStem post={task.scenario} />
        </>
      ) : null}
    </>
  );
}

export default function TaskPage() {
  const { task, state, submission, draftFiles, versions, editable, done, feedback } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values = actionData?.values ?? { text: submission?.draftText ?? "", link: submission?.draftLink ?? "", alt: "" };
  const s = task.submit;
  const accepts = [s.images ? "image/jpeg,image/png,image/webp" : "", s.file ? ".pdf,.docx,.xlsx" : ""].filter(Boolean).join(",");
  const fieldError = (name: string) => <ErrorText id={`err-${name}`}>{errors[name]}</ErrorText>;
  return (
    <div className="narrow">
      <p>
        <Link to={`/learn/${task.moduleSlug}`}>← {task.moduleTitle}</Link>
      </p>
      <h1>{t("practice.taskTitle", { title: task.title })}</h1>
      <p>
        {t("practice.state")}: <StateBadge state={state} />
      </p>
      {done && !actionData ? <FormAlert tone="success" message={t(done === "saved" ? "practice.saved" : "practice.submitted")} /> : null}
      {state === "approved" ? <p className="notice">{t("practice.approvedNote")}</p> : null}
      {state === "changes-requested" ? <p className="notice">{t("practice.changesNote")}</p> : null}
      {feedback ? (
        <section className="panel" id="feedback" aria-labelledby="feedback-title">
          <h2 id="feedback-title">{t("practice.feedbackFirst", { version: feedback.version })}</h2>
          {state === "changes-requested" ? <p>{t("practice.feedbackFirstIntro")}</p> : null}
          <ReviewFeedback r={feedback.review} rubric={task.rubric} heading="h3" />
        </section>
      ) : null}
      {submission ? (
        // Once work has begun the instructions fold away, so a phone shows the work first; one tap reads them again.
        <details className="task-instructions">
          <summary>{t("practice.instructions")}</summary>
          <Instructions task={task} />
        </details>
      ) : (
        <>
          <h2>{t("practice.instructions")}</h2>
          <Instructions task={task} />
        </>
      )}
      <details>
        <summary>{t("practice.rubric")}</summary>
        <RubricTable rubric={task.rubric} minLevel={task.minLevel} />
      </details>
      <h2>{t("practice.yourWork")}</h2>
      {editable ? (
        <Form method="post" encType="multipart/form-data" noValidate data-main-action>
          {s.text ? (
            <div className={`field${errors.text ? " field--invalid" : ""}`}>
              <label htmlFor="field-text">{t("practice.text")}</label>
              <p className="field__hint" id="hint-text">
                {t("practice.textHint", { min: s.text.min, max: s.text.max })}
              </p>
              <textarea
                id="field-text"
                name="text"
                rows={12}
                defaultValue={values.text}
                aria-invalid={errors.text ? true : undefined}
                aria-describedby={errors.text ? "hint-text err-text" : "hint-text"}
              />
              {fieldError("text")}
            </div>
          ) : null}
          {s.link ? (
            <div className={`field${errors.link ? " field--invalid" : ""}`}>
              <label htmlFor="field-link">{t("practice.link")}</label>
              <input
                id="field-link"
                name="link"
                type="url"
                defaultValue={values.link}
                aria-invalid={errors.link ? true : undefined}
                aria-describedby={errors.link ? "err-link" : undefined}
              />
              {fieldError("link")}
            </div>
          ) : null}
          {s.images || s.file ? (
            <fieldset>
              <legend>{s.images ? t("practice.addImage") : t("practice.addFile")}</legend>
              <FileList files={draftFiles} removable />
              {fieldError("images")}
              {fieldError("file")}
              <div className={`field${errors.upload ? " field--invalid" : ""}`}>
                <label htmlFor="field-upload">{s.images ? t("practice.addImage") : t("practice.addFile")}</label>
                <p className="field__hint" id="hint-upload">
                  {s.images ? t("practice.imageHint") : null}{" "}
                  {s.file ? t("practice.fileHint", { types: s.file.types.map((x) => x.toUpperCase()).join(", ") }) : null}
                </p>
                <input
                  id="field-upload"
                  name="upload"
                  type="file"
                  accept={accepts}
                  aria-invalid={errors.upload ? true : undefined}
                  aria-describedby={errors.upload ? "hint-upload err-upload" : "hint-upload"}
                />
                {fieldError("upload")}
              </div>
              {s.images ? (
                <div className={`field${errors.alt ? " field--invalid" : ""}`}>
                  <label htmlFor="field-alt">{t("practice.alt")}</label>
                  <p className="field__hint" id="hint-alt">
                    {t("practice.altHint")}
                  </p>
                  <input
                    id="field-alt"
                    name="alt"
                    defaultValue={values.alt}
                    aria-invalid={errors.alt ? true : undefined}
                    aria-describedby={errors.alt ? "hint-alt err-alt" : "hint-alt"}
                  />
                  {fieldError("alt")}
                </div>
              ) : null}
            </fieldset>
          ) : null}
          <p className="actions">
            <button type="submit" name="intent" value="save" className="button" disabled={busy}>
              {t("practice.saveDraft")}
            </button>
            <button type="submit" name="intent" value="submit" className="button button--primary" disabled={busy}>
              {t("practice.submit")}
            </button>
          </p>
        </Form>
      ) : (
        <p className="notice">{t("practice.readOnly")}</p>
      )}
      <h2>{t("practice.versions")}</h2>
      {versions.length === 0 ? (
        <p className="muted">{t("practice.noVersions")}</p>
      ) : (
        versions.map((v) => <VersionCard key={v.id} v={v} rubric={task.rubric} reviewAbove={v.id === feedback?.versionId} />)
      )}
    </div>
  );
}

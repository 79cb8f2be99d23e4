// A module's practical tasks as the trainer previews them: instructions, scenario and the rubric
// with each level's example answer (what reviewers see; learners never get the examples).
import { PostStem } from "./post-stem";
import { RubricTable } from "./practice-parts";
import { SimpleMarkdown } from "./simple-markdown";
import { formatHours } from "~/i18n/format";
import { useI18n, useT } from "./use-t";

type PreviewTask = {
  slug: string;
  version: number;
  title: string;
  instructions: string;
  scenario: Parameters<typeof PostStem>[0]["post"] | null;
  minLevel: number;
  rubric: { id: string; title: string; levels: { points: number; descriptor: string }[] }[];
  examples: Record<string, (string | null)[]>;
};

export function TaskPreviews({ tasks, linkBase }: { tasks: PreviewTask[]; linkBase: string }) {
  const t = useT();
  if (tasks.length === 0) return <p>{t("authoring.noTasks")}</p>;
  return (
    <>
      {tasks.map((task) => (
        <section key={task.slug} className="review" aria-labelledby={`task-${task.slug}`} data-task-preview={task.slug}>
          <h3 id={`task-${task.slug}`}>{task.title}</h3>
          <p className="muted">
            <code>{task.slug}</code> · {t("authoring.taskVersion", { version: task.version })}
          </p>
          <SimpleMarkdown source={task.instructions} linkBase={linkBase} />
          {task.scenario ? <PostStem post={task.scenario} /> : null}
          <RubricTable rubric={task.rubric} minLevel={task.minLevel} examples={task.examples} />
        </section>
      ))}
    </>
  );
}

/** Learning hours (JP) and competencies: on the learner's module page and the trainer's preview. */
export function ModuleFacts({ hours, competencies }: { hours: number | null; competencies: string[] }) {
  const t = useT();
  const { locale } = useI18n();
  return (
    <div className="module-facts">
      <p>{hours === null ? t("authoring.noHours") : t("authoring.hours", { hours: formatHours(locale, hours) })}</p>
      {competencies.length > 0 ? (
        <>
          <h2>{t("authoring.competencies")}</h2>
          <ul>
            {competencies.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

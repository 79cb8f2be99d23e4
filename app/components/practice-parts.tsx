// Pieces shared by the learner's task page and the reviewer's page.
import { useI18n, useT } from "./use-t";
import { formatDateTime, formatNumber } from "~/i18n/format";
import type { RubricScores } from "~/db/schema/task-reviews";

type Criterion = { id: string; title: string; levels: { points: number; descriptor: string }[] };
type FileRow = { id: string; kind: string; originalName: string; altText: string | null; extension: string; size: number };

export function StateBadge({ state }: { state: "draft" | "submitted" | "in-review" | "changes-requested" | "approved" }) {
  const t = useT();
  const tone = state === "approved" ? "passed" : state === "changes-requested" ? "failed" : "in-progress";
  return <span className={`badge badge--${tone}`}>{t(`practice.state.${state}`)}</span>;
}

/** "1 point" / "2 points" (en); Indonesian has one form. Half points are plural too. */
export function pointsLabel(t: ReturnType<typeof useT>, points: number, locale: "en" | "id") {
  return t(points === 1 ? "authoring.points.one" : "authoring.points.other", { points: formatNumber(locale, points) });
}

/** "Level 1 · lowest": levels count up from 1, the lowest, so each table says which end is which. */
export function levelLabel(t: ReturnType<typeof useT>, level: number, count: number) {
  const end = level === 1 ? t("authoring.lowest") : level === count ? t("authoring.highest") : null;
  return `${t("practice.level", { level })}${end ? ` (${end})` : ""}`;
}

/**
 * The rubric as a table per criterion. `examples` (reviewers and trainers only) adds each
 * level's example answer; learners' pages never receive them.
 */
export function RubricTable({ rubric, minLevel, examples }: { rubric: Criterion[]; minLevel: number; examples?: Record<string, (string | null)[]> }) {
  const t = useT();
  const { locale } = useI18n();
  return (
    <>
      <p>{t("practice.passRule", { level: minLevel })}</p>
      {examples ? <p className="muted">{t("authoring.examplesNote")}</p> : null}
      {rubric.map((c) => (
        <table key={c.id} className="compact rubric">
          <caption>{c.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("practice.level", { level: "" }).trim()}</th>
              <th scope="col">{t("practice.rubric")}</th>
            </tr>
          </thead>
          <tbody>
            {c.levels.map((l, i) => (
              <tr key={i}>
                <th scope="row">
                  {levelLabel(t, i + 1, c.levels.length)} <span className="muted">· {pointsLabel(t, l.points, locale)}</span>
                </th>
                <td>
                  {l.descriptor}
                  {examples ? <LevelExample example={examples[c.id]?.[i] ?? null} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

/** One level's example answer, folded so the descriptor stays the first thing read. */
export function LevelExample({ example }: { example: string | null }) {
  const t = useT();
  if (!example) return <p className="muted">{t("authoring.noExample")}</p>;
  return (
    <details className="level-example">
      <summary>{t("authoring.example")}</summary>
      <p className="level-example__text">{example}</p>
    </details>
  );
}

export function FileList({ files, removable = false }: { files: FileRow[]; removable?: boolean }) {
  const t = useT();
  if (files.length === 0) return null;
  return (
    <ul className="file-list">
      {files.map((f) => (
        <li key={f.id}>
          {f.kind === "image" ? (
            // The stored, re-encoded picture (app/practice/files.server.ts), so a reviewer need not download it.
            <img
              className="submission-image"
              src={`/submission-images/${f.id}`}
              alt={f.altText ?? t("practice.imageAlt", { name: f.originalName })}
              loading="lazy"
            />
          ) : null}
          <a href={`/submission-files/${f.id}`} download>
            {t("practice.download", { name: f.originalName })}
          </a>
          {f.altText ? <span className="muted"> · {f.altText}</span> : null}{" "}
          {removable ? (
            <button type="submit" name="remove" value={f.id} className="button button--small">
              {t("practice.remove", { name: f.originalName })}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

type Version = {
  id: string;
  version: number;
  text: string | null;
  link: string | null;
  submittedAt: string | Date;
  files: FileRow[];
  review: {
    decision: string;
    scores: RubricScores;
    overallComment: string;
    reviewerName: string;
    reviewerOrganisation: string | null;
    decidedAt: string | Date;
  } | null;
};

/** A reviewer's decision, scores and comments on one version. */
export function ReviewFeedback({
  r,
  rubric,
  heading: Heading = "h4",
}: {
  r: NonNullable<Version["review"]>;
  rubric: Criterion[];
  heading?: "h2" | "h3" | "h4";
}) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  return (
    <>
      <Heading>
        {t("practice.feedback")}: <StateBadge state={r.decision as "approved"} />
      </Heading>
      <p className="muted">
        {r.reviewerOrganisation
          ? t("practice.reviewedByOrg", {
              name: r.reviewerName,
              organisation: r.reviewerOrganisation,
              time: formatDateTime(locale, r.decidedAt, timeZone),
            })
          : t("practice.reviewedBy", { name: r.reviewerName, time: formatDateTime(locale, r.decidedAt, timeZone) })}
      </p>
      <dl>
        <div>
          <dt>{t("practice.overall")}</dt>
          <dd className="comment-text">{r.overallComment}</dd>
        </div>
        {rubric.map((c) => {
          const s = r.scores[c.id];
          return s ? (
            <div key={c.id}>
              <dt>
                {c.title}: {t("practice.levelOf", { level: s.level, max: c.levels.length })}
              </dt>
              <dd>{s.comment}</dd>
            </div>
          ) : null;
        })}
      </dl>
    </>
  );
}

/** A handed-in version; `reviewAbove`: its review is shown at the top of the page, so only a pointer here. */
export function VersionCard({ v, rubric, reviewAbove = false }: { v: Version; rubric: Criterion[]; reviewAbove?: boolean }) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  const r = v.review;
  return (
    <section className="panel" aria-labelledby={`v-${v.id}`}>
      <h3 id={`v-${v.id}`}>
        {t("practice.version", { version: v.version })}{" "}
        <span className="muted">· {t("practice.handedIn", { time: formatDateTime(locale, v.submittedAt, timeZone) })}</span>
      </h3>
      {v.text ? (
        <div className="submission-text">
          {v.text.split(/\n{2,}/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      ) : null}
      {v.link ? (
        <p>
          <a href={v.link} rel="noopener noreferrer nofollow" target="_blank">
            {v.link}
          </a>
        </p>
      ) : null}
      <FileList files={v.files} />
      {r && reviewAbove ? (
        <p>
          <a href="#feedback">{t("practice.feedbackAbove")}</a>
        </p>
      ) : r ? (
        <ReviewFeedback r={r} rubric={rubric} />
      ) : null}
    </section>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { can } from "~/auth/policy";
import { requireCan } from "~/auth/policy.server";
import { Link, useLoaderData } from "@remix-run/react";
import { contentOverview } from "~/content/preview.server";
import { getContent } from "~/content/registry.server";
import { useI18n, useT } from "~/components/use-t";
import { formatDateTime } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { pageMeta } from "~/components/meta";
import { ProblemList, SeverityTag } from "~/components/problem-list";
import { reviewQueue } from "~/practice/review.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "content.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "content.preview");
  const locale = await resolveLocale(request, user);
  // This is a trainer's home: it also says how much handed-in work waits for a review.
  const reviewsWaiting = can(user, "reviews.review") ? (await reviewQueue(user, {})).total : null;
  return { ...contentOverview(user, await getContent(), locale), reviewsWaiting };
}

export default function ContentOverview() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  return (
    <div>
      <h1>{t("content.title")}</h1>
      <p className="lead">{t("content.intro")}</p>
      {data.reviewsWaiting !== null ? (
        <p className="notice">
          {t("content.reviewsWaiting", { count: data.reviewsWaiting })} <Link to="/review">{t("content.toReviews")}</Link>
        </p>
      ) : null}
      {data.courses.map((course) => (
        <section key={course.slug} aria-labelledby={`course-${course.slug}`}>
          <h2 id={`course-${course.slug}`}>
            {course.title} {course.status === "draft" ? <span className="badge">{t("content.draft")}</span> : null}
          </h2>
          <div className="table-wrap" role="region" aria-labelledby={`course-${course.slug}`} tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("content.module")}</th>
                  {/* Second, so a phone shows a module's problems beside its name without scrolling sideways. */}
                  <th scope="col">{t("content.problems")}</th>
                  <th scope="col">{t("content.status")}</th>
                  <th scope="col">{t("content.version")}</th>
                  <th scope="col">{t("content.lessons")}</th>
                  <th scope="col">{t("content.questions")}</th>
                  <th scope="col">{t("guess.column")}</th>
                </tr>
              </thead>
              <tbody>
                {course.modules.map((m, i) => (
                  <tr key={m.slug}>
                    <td>
                      {/* The first course's first module: the page's main action (its preview and problems). */}
                      <Link to={`/content/${m.slug}`} data-main-action={i === 0 && course === data.courses[0] ? true : undefined}>
                        {m.title}
                      </Link>
                    </td>
                    <td>
                      {m.errors + m.warnings === 0 ? (
                        t("content.noProblems")
                      ) : (
                        <>
                          {m.errors > 0 ? <SeverityTag severity="error" count={m.errors} /> : null}{" "}
                          {m.warnings > 0 ? <SeverityTag severity="warning" count={m.warnings} /> : null}
                        </>
                      )}
                    </td>
                    <td>{m.status === "draft" ? t("content.draft") : t("content.published")}</td>
                    <td>
                      v{m.majorVersion} · <code>{m.contentHash.slice(0, 8)}</code>
                    </td>
                    <td>{m.lessons}</td>
                    <td>{m.questions}</td>
                    <td>{m.guessing ? <GuessingCell guessing={m.guessing} /> : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {data.unavailable.length > 0 ? (
        <section aria-labelledby="unavailable-modules" data-unavailable-modules>
          <h2 id="unavailable-modules">{t("authoring.unavailableModules")}</h2>
          <p>{t("authoring.unavailableIntro")}</p>
          {data.unavailable.map((u) => (
            <div key={u.slug}>
              <h3>
                {u.title ?? u.slug} (<code>{u.file}</code>)
              </h3>
              <ProblemList problems={u.problems} />
            </div>
          ))}
        </section>
      ) : null}
      {data.otherProblems.length > 0 ? (
        <section aria-labelledby="other-problems">
          <h2 id="other-problems">{t("content.otherProblems")}</h2>
          <ProblemList problems={data.otherProblems} />
        </section>
      ) : null}
      {/* Below the tables: on a phone the first module comes first; the note explains the last column. */}
      <p className="muted">{t("content.loadedAt", { time: formatDateTime(locale, data.loadedAt, timeZone) })}</p>
      <p className="muted">{t("guess.note", { threshold: data.guessThreshold })}</p>
    </div>
  );
}

type Guessing = { lang: "en" | "id"; chance: string; tooHigh: boolean; rule: string }[];

function GuessingCell({ guessing }: { guessing: Guessing }) {
  const t = useT();
  return (
    <>
      {guessing.map((g) => (
        <div key={g.lang} className={g.tooHigh ? "due--overdue" : undefined} data-guessing={g.lang}>
          {t("guess.langChance", { lang: t(`content.lang.${g.lang}`), chance: g.chance })}
        </div>
      ))}
      <details>
        <summary>{t("guess.rules")}</summary>
        <ul>
          {guessing.map((g) => (
            <li key={g.lang}>
              {t(`content.lang.${g.lang}`)}: {g.rule}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

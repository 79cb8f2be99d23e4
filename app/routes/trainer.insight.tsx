import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts/bar-chart";
import { pageMeta } from "~/components/meta";
import { useI18n, useT } from "~/components/use-t";
import { getContent } from "~/content/registry.server";
import { formatNumber, formatPercent } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import { RubricSpread } from "~/components/rubric-spread";
import { rubricSpread } from "~/practice/stats.server";
import { LOW_SHARE, MIN_ANSWERS_TO_JUDGE, trainerInsight } from "~/reports/insight.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "insight.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "insight.read");
  const { locale, t } = await getTranslator(request, actor);
  const state = await getContent();
  const spread = await rubricSpread(actor, [...state.modules.values()], locale);
  const spreadLabels = {
    title: t("stats.spreadTitle"),
    intro: t("stats.spreadIntro"),
    criterion: t("stats.criterion"),
    level: t("practice.level", { level: "{level}" }),
    decisions: Object.fromEntries(
      spread.flatMap((m) => m.tasks.map((task) => [`${m.slug}/${task.slug}`, t("stats.decisions", { count: task.decisions })])),
    ),
  };
  return { modules: await trainerInsight(actor, state, locale), minAnswers: MIN_ANSWERS_TO_JUDGE, lowShare: LOW_SHARE, spread, spreadLabels };
}

export default function InsightPage() {
  const { modules, minAnswers, lowShare, spread, spreadLabels } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useI18n();
  const num = (n: number) => formatNumber(locale, n);
  const pct = (share: number | null) => (share === null ? "—" : formatPercent(locale, share * 100));
  const avg = (n: number | null) => (n === null ? "—" : formatNumber(locale, n, { maximumFractionDigits: 1 }));

  return (
    <div>
      <h1>{t("insight.title")}</h1>
      <p className="lead">{t("insight.intro")}</p>
      <p className="muted">{t("insight.privacy")}</p>

      <section aria-labelledby="insight-modules">
        <h2 id="insight-modules">{t("insight.modulesTitle")}</h2>
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="insight-modules">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("report.col.module")}</th>
                <th scope="col">{t("insight.started")}</th>
                <th scope="col">{t("insight.tookQuiz")}</th>
                <th scope="col">{t("insight.passed")}</th>
                <th scope="col">{t("insight.passRate")}</th>
                <th scope="col">{t("insight.averageScore")}</th>
                <th scope="col">{t("insight.averageAttempts")}</th>
              </tr>
            </thead>
            <tbody>
              {modules.map((m) => (
                <tr key={m.slug}>
                  <th scope="row">
                    <a href={`#q-${m.slug}`}>{m.title}</a> {m.draft ? <span className="badge">{t("insight.draft")}</span> : null}
                  </th>
                  <td>{num(m.started)}</td>
                  <td>{num(m.tookQuiz)}</td>
                  <td>{num(m.passed)}</td>
                  <td>{pct(m.passRate)}</td>
                  <td>{m.averageScore === null ? "—" : formatPercent(locale, m.averageScore)}</td>
                  <td>{avg(m.averageAttemptsToPass)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">{t("insight.definitions")}</p>
      </section>

      {modules.map((m) => (
        <section key={m.slug} aria-labelledby={`q-${m.slug}`}>
          <h2 id={`q-${m.slug}`} tabIndex={-1}>
            {t("insight.questionsTitle", { module: m.title })}
          </h2>
          {!m.hasQuiz ? (
            <p>{t("insight.noQuiz")}</p>
          ) : m.questions.every((q) => q.answered === 0) ? (
            <p>{t("insight.noAnswers", { version: m.majorVersion })}</p>
          ) : (
            <>
              <p className="muted">
                {t("insight.versionNote", { version: m.majorVersion, min: minAnswers, share: formatPercent(locale, lowShare * 100) })}
              </p>
              <BarChart
                id={`chart-${m.slug}`}
                title={t("insight.chartTitle", { module: m.title })}
                desc={t("insight.chartDesc", { count: m.questions.length })}
                items={m.questions.map((q, i) => ({ label: `${i + 1}. ${q.prompt}`, share: q.share ?? 0, valueText: pct(q.share) }))}
              />
              <div className="table-wrap" tabIndex={0} role="region" aria-label={t("insight.questionsTitle", { module: m.title })}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("insight.question")}</th>
                      <th scope="col">{t("insight.answered")}</th>
                      <th scope="col">{t("insight.correct")}</th>
                      <th scope="col">{t("insight.share")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.questions.map((q, i) => (
                      <tr key={q.id}>
                        <th scope="row">
                          {i + 1}. {q.prompt}
                          {q.flagged ? (
                            <>
                              {" "}
                              <span className="badge badge--failed">{t("insight.flag")}</span>
                            </>
                          ) : null}
                          <br />
                          <span className="muted">
                            {t("insight.questionId", { id: q.id })} · {t(`insight.type.${q.type}`)}
                          </span>
                        </th>
                        <td>{num(q.answered)}</td>
                        <td>{num(q.correct)}</td>
                        <td>
                          {pct(q.share)}
                          {q.share !== null && q.answered < minAnswers ? (
                            <>
                              <br />
                              <span className="muted">{t("insight.tooFew")}</span>
                            </>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      ))}
      <RubricSpread spread={spread} labels={spreadLabels} />
    </div>
  );
}

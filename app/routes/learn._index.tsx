import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { myYearHours } from "~/certificates/hours.server";
import { getConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import { ProgressBar, StatusBadge } from "~/components/status-badge";
import { useI18n, useT } from "~/components/use-t";
import { formatDate, formatDateTime, formatDay } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { myLearning, type LearningCard } from "~/learning/my-learning.server";
import { pageMeta } from "~/components/meta";
import { YearHoursSummary } from "~/components/year-hours";
import { PathCard } from "~/components/path-card";
import { myPaths } from "~/paths/progress.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "learn.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "learning.take");
  const locale = await resolveLocale(request, user);
  const state = await getContent();
  const config = getConfig();
  const [learning, yearHours, paths] = await Promise.all([
    myLearning(user, state, locale, config.timeZone),
    myYearHours(user.id, config),
    myPaths(user, state, locale, config.timeZone),
  ]);
  // A module an assigned in-order path keeps closed opens its module page, which says what comes first.
  const locked = new Set(paths.flatMap((p) => p.steps.filter((s) => s.locked).map((s) => s.slug)));
  const open = (cards: typeof learning.assigned) =>
    cards.map((c) => (locked.has(c.slug) ? { ...c, resumeTo: `/learn/${c.slug}`, pathLocked: true } : { ...c, pathLocked: false }));
  return { assigned: open(learning.assigned), others: open(learning.others), name: user.displayName, yearHours, paths };
}

function actionKey(card: LearningCard) {
  return card.status === "not-started"
    ? "learn.start"
    : card.status === "passed"
      ? "learn.review"
      : card.status === "expired"
        ? "learn.renew"
        : "learn.resume";
}

/** What to do next: the first module begun and open to go on with, else the first not passed (assigned ones come first). */
function nextCard(cards: (LearningCard & { pathLocked: boolean })[]) {
  const open = cards.filter((c) => !c.unavailable && !c.pathLocked && c.status !== "passed");
  return open.find((c) => c.status !== "not-started" && c.status !== "locked") ?? open[0] ?? null;
}

function Card({ card }: { card: LearningCard }) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  const action = t(actionKey(card));
  return (
    <li className={`module-card${card.overdue ? " module-card--overdue" : ""}`}>
      <div className="module-card__head">
        <h3>
          <Link to={`/learn/${card.slug}`}>{card.title}</Link>
        </h3>
        <StatusBadge status={card.status} />
      </div>
      <p>{card.summary}</p>
      {card.dueDate ? (
        <p className={card.overdue ? "due due--overdue" : "due"}>
          {card.overdue ? <strong>{t("learn.overdue")} · </strong> : null}
          {t("learn.dueOn", { date: formatDay(locale, card.dueDate) })}
        </p>
      ) : null}
      <ProgressBar done={card.lessonsDone} total={card.lessonsTotal} label={t("learn.lessonsProgress", { title: card.title })} />
      <p className="muted">
        {card.status === "passed"
          ? card.certificateExpiresAt
            ? t("learn.passedUntil", { date: formatDate(locale, card.certificateExpiresAt, timeZone) })
            : t("learn.passedNoExpiry")
          : card.minutesLeft > 0
            ? t("learn.minutesLeft", { minutes: card.minutesLeft })
            : card.status === "locked" && card.lockedUntil
              ? t("learn.lockedUntil", { time: formatDateTime(locale, card.lockedUntil, timeZone) })
              : card.status === "locked"
                ? t("learn.noAttemptsLeft")
                : t("learn.quizWaiting")}
      </p>
      {card.unavailable ? (
        <p className="notice">{t("learn.beingUpdated")}</p>
      ) : (
        <p>
          <Link to={card.resumeTo} className="button button--primary">
            {action}
            <span className="visually-hidden">: {card.title}</span>
          </Link>
        </p>
      )}
    </li>
  );
}

export default function MyLearning() {
  const { assigned, others, name, yearHours, paths } = useLoaderData<typeof loader>();
  const t = useT();
  const next = nextCard([...assigned, ...others]);
  return (
    <div>
      <h1>{t("learn.title")}</h1>
      <p className="lead">{t("learn.welcome", { name })}</p>
      {next ? (
        // The page's main action, first on a phone's screen: where this person left off.
        <p className="next-step">
          <Link to={next.resumeTo} className="button button--primary" data-main-action>
            {t(actionKey(next))}: {next.title}
          </Link>
        </p>
      ) : null}
      <YearHoursSummary {...yearHours} />
      {paths.length > 0 ? (
        <section aria-labelledby="paths-heading">
          <h2 id="paths-heading">{t("paths.mine")}</h2>
          <ul className="module-grid">
            {paths.map((p) => (
              <PathCard key={p.slug} path={p} />
            ))}
          </ul>
        </section>
      ) : null}
      {assigned.length > 0 ? (
        <section aria-labelledby="assigned-heading">
          <h2 id="assigned-heading">{t("learn.assigned")}</h2>
          <ul className="module-grid">
            {assigned.map((c) => (
              <Card key={c.slug} card={c} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="catalog-heading">
        <h2 id="catalog-heading">{assigned.length > 0 ? t("learn.moreModules") : t("learn.allModules")}</h2>
        {others.length === 0 && assigned.length === 0 ? <p>{t("learn.noModules")}</p> : null}
        <ul className="module-grid">
          {others.map((c) => (
            <Card key={c.slug} card={c} />
          ))}
        </ul>
      </section>
    </div>
  );
}

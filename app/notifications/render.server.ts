// Renders one message in the recipient's language: subject, plain text, simple HTML, and the
// in-app notice. Every string comes from the catalogs (app/i18n/areas/notifications.*.ts).
import { getConfig } from "~/config.server";
import type { Locale } from "~/db/schema";
import { formatDate, formatDateTime } from "~/i18n/format";
import { makeTranslator, type MessageKey, type Translate } from "~/i18n";
import { sessionParts } from "./session-messages.server";
import { CATEGORY, type DigestRow, type NotificationData, type NotificationKind, type SessionNotice, type Text } from "./kinds";

export type Rendered = {
  subject: string;
  text: string;
  html: string;
  /** The in-app notice: a title (the subject), a one-line body and an app path. */
  body: string;
  link: string | null;
};

const DIGEST_LINES = 50;

export function pickText(text: Text, locale: Locale): string {
  return typeof text === "string" ? text : text[locale] || text.en || text.id;
}

export function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export type Parts = {
  subject: string;
  paragraphs: string[];
  list?: string[];
  /** Someone's own words, quoted after the paragraphs (a reviewer's feedback). */
  quote?: { intro: string; lines: string[]; outro: string };
  /** The in-app notice's body when it is not the first paragraph. */
  notice?: string;
  action?: { label: string; url: string };
  link: string | null;
};

// The in-app notice quotes this much of a reviewer's overall comment; the page has all of it.
const NOTICE_QUOTE = 300;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

function parts<K extends NotificationKind>(kind: K, input: NotificationData[K], locale: Locale, t: Translate): Parts {
  const { publicUrl, timeZone } = getConfig();
  const day = (iso: string) => formatDate(locale, iso, iso.length === 10 ? "UTC" : timeZone);
  const view = (path: string) => ({ label: t("email.viewAction"), url: publicUrl + path });
  const data = input as NotificationData[NotificationKind] & Record<string, unknown>;
  const mod = "module" in data ? pickText(data.module as Text, locale) : "";
  const digest = (rows: DigestRow[], total: number) => [
    ...rows
      .slice(0, DIGEST_LINES)
      .map((r) => t("email.digestLine", { name: r.name, unit: r.unit, module: pickText(r.module, locale), date: day(r.dueDate) })),
    ...(total > Math.min(rows.length, DIGEST_LINES) ? [t("email.digestMore", { count: total - Math.min(rows.length, DIGEST_LINES) })] : []),
  ];
  switch (kind) {
    case "invitation": {
      const d = data as NotificationData["invitation"];
      return {
        subject: t("email.invitation.subject"),
        paragraphs: [t("email.invitation.body", { org: getConfig().orgName, date: formatDateTime(locale, d.expiresAt, timeZone) })],
        action: { label: t("email.invitation.action"), url: d.url },
        link: null,
      };
    }
    case "password_reset": {
      const d = data as NotificationData["password_reset"];
      return {
        subject: t("email.passwordReset.subject"),
        paragraphs: [t("email.passwordReset.body")],
        action: { label: t("email.passwordReset.action"), url: d.url },
        link: null,
      };
    }
    case "password_changed": {
      const d = data as NotificationData["password_changed"];
      return {
        subject: t("email.passwordChanged.subject"),
        paragraphs: [t("email.passwordChanged.body", { date: formatDateTime(locale, d.at, timeZone) })],
        action: view("/account"),
        link: "/account",
      };
    }
    case "assignment_made": {
      const d = data as NotificationData["assignment_made"];
      const path = `/learn/${d.moduleSlug}`;
      return {
        subject: t("email.assignmentMade.subject", { module: mod }),
        paragraphs: [t("email.assignmentMade.body", { module: mod, date: day(d.dueDate) })],
        action: view(path),
        link: path,
      };
    }
    case "certificate_issued": {
      const d = data as NotificationData["certificate_issued"];
      return {
        subject: t("email.certificateIssued.subject", { module: mod }),
        paragraphs: [t("email.certificateIssued.body", { module: mod, verifyUrl: d.verifyUrl })],
        action: view("/certificates"),
        link: "/certificates",
      };
    }
    case "path_certificate_issued": {
      const d = data as NotificationData["path_certificate_issued"];
      const path = pickText(d.path, locale);
      return {
        subject: t("paths.email.certificate.subject", { path }),
        paragraphs: [t("paths.email.certificate.body", { path, verifyUrl: d.verifyUrl })],
        action: view("/certificates"),
        link: "/certificates",
      };
    }
    case "certificate_revoked": {
      const d = data as NotificationData["certificate_revoked"];
      return {
        subject: t("email.certificateRevoked.subject", { module: mod }),
        paragraphs: [t("email.certificateRevoked.body", { module: mod, reason: d.reason })],
        action: view("/certificates"),
        link: "/certificates",
      };
    }
    case "due_7d":
    case "due_1d":
    case "overdue": {
      const d = data as NotificationData["due_7d"];
      const key = kind === "due_7d" ? "email.due7" : kind === "due_1d" ? "email.due1" : "email.overdue";
      const path = `/learn/${d.moduleSlug}`;
      const vars = { module: mod, date: day(d.dueDate), days: d.days ?? 0 };
      return { subject: t(`${key}.subject` as MessageKey, vars), paragraphs: [t(`${key}.body` as MessageKey, vars)], action: view(path), link: path };
    }
    case "path_due_7d":
    case "path_due_1d": {
      const d = data as NotificationData["path_due_7d"];
      const key = kind === "path_due_7d" ? "paths.email.due7" : "paths.email.due1";
      const link = `/learn/paths/${d.pathSlug}`;
      const vars = { path: pickText(d.path, locale), date: day(d.dueDate), days: d.days ?? 0 };
      return { subject: t(`${key}.subject` as MessageKey, vars), paragraphs: [t(`${key}.body` as MessageKey, vars)], action: view(link), link };
    }
    case "cert_expiring_30d":
    case "cert_expiring_7d": {
      const d = data as NotificationData["cert_expiring_30d"];
      const path = `/learn/${d.moduleSlug}`;
      const vars = { module: mod, date: day(d.expiresAt), days: d.days };
      return { subject: t("email.certExpiring.subject", vars), paragraphs: [t("email.certExpiring.body", vars)], action: view(path), link: path };
    }
    case "digest_hr": {
      const d = data as NotificationData["digest_hr"];
      return {
        subject: t("email.digestHr.subject", { count: d.total }),
        paragraphs: [t("email.digestHr.body", { count: d.total })],
        list: digest(d.rows, d.total),
        action: view("/hr/report"),
        link: "/hr/report",
      };
    }
    case "digest_unit": {
      const d = data as NotificationData["digest_unit"];
      const vars = { unit: d.unit, count: d.total };
      return {
        subject: t("email.digestUnit.subject", vars),
        paragraphs: [t("email.digestUnit.body", vars)],
        list: digest(d.rows, d.total),
        link: null,
      };
    }
    case "submission_waiting": {
      const d = data as NotificationData["submission_waiting"];
      return {
        subject: t("email.submissionWaiting.subject", { module: mod }),
        paragraphs: [t("email.submissionWaiting.body", { module: mod, learner: d.learner })],
        action: view(d.path),
        link: d.path,
      };
    }
    case "review_done": {
      const d = data as NotificationData["review_done"];
      const body = t("email.reviewDone.body", { module: mod, outcome: pickText(d.outcome, locale) });
      const f = d.feedback;
      const quote = f
        ? {
            intro: t("email.feedbackIntro"),
            lines: [
              f.overall,
              ...f.criteria.map((c) => t("email.feedbackCriterion", { criterion: pickText(c.criterion, locale), comment: c.comment })),
            ],
            outro: t("email.feedbackMore"),
          }
        : undefined;
      return {
        subject: t("email.reviewDone.subject", { module: mod }),
        paragraphs: [body],
        quote,
        notice: f ? `${body} ${t("email.feedbackIntro")} “${clip(f.overall.replace(/\s+/g, " "), NOTICE_QUOTE)}”` : undefined,
        action: view(d.path),
        link: d.path,
      };
    }
    case "session_registered":
    case "session_waitlisted":
    case "session_promoted":
    case "session_changed":
    case "session_cancelled":
    case "session_registration_cancelled":
    case "session_reminder":
    case "session_hosting":
      return sessionParts(kind, data as unknown as SessionNotice, locale, t);
  }
  throw new Error(`render: unknown kind ${String(kind)}`);
}

/** "Pustaka Academy, Library of X"; the product name alone when the organisation goes by it too. */
export function signatureFor(orgName: string, t: Translate) {
  const product = t("email.signatureProduct");
  return orgName.trim().toLowerCase() === product.toLowerCase() ? product : t("email.signature", { org: orgName.trim() });
}

/** The whole message for one recipient. `unsubscribeUrl` is set for optional kinds only. */
export function renderMessage<K extends NotificationKind>(
  kind: K,
  data: NotificationData[K],
  recipient: { name: string; locale: Locale },
  unsubscribeUrl: string | null,
): Rendered {
  const t = makeTranslator(recipient.locale);
  const p = parts(kind, data, recipient.locale, t);
  const signature = signatureFor(getConfig().orgName, t);
  const category = CATEGORY[kind];
  const categoryName = category === "digests" ? t("email.categoryDigests") : t("email.categoryReminders");
  const text = [
    t("email.greeting", { name: recipient.name }),
    ...p.paragraphs,
    ...(p.list ? [p.list.map((l) => `- ${l}`).join("\n")] : []),
    ...(p.quote ? [p.quote.intro, p.quote.lines.map((l) => l.replace(/^/gm, "> ")).join("\n>\n"), p.quote.outro] : []),
    ...(p.action ? [`${p.action.label}: ${p.action.url}`] : []),
    `-- \n${signature}`,
    ...(unsubscribeUrl ? [t("email.unsubscribe", { kind: categoryName, url: unsubscribeUrl })] : []),
  ].join("\n\n");
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${recipient.locale}"><head><meta charset="utf-8"><title>${e(p.subject)}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1f2933; max-width: 36rem;">
<p>${e(t("email.greeting", { name: recipient.name }))}</p>
${p.paragraphs.map((x) => `<p>${e(x)}</p>`).join("\n")}
${p.list ? `<ul>\n${p.list.map((l) => `<li>${e(l)}</li>`).join("\n")}\n</ul>` : ""}
${p.quote ? `<p>${e(p.quote.intro)}</p>\n<blockquote style="margin: 0 0 1em; padding-left: 1em; border-left: 4px solid #9aa5b1;">\n${p.quote.lines.map((l) => `<p style="white-space: pre-line;">${e(l)}</p>`).join("\n")}\n</blockquote>\n<p>${e(p.quote.outro)}</p>` : ""}
${p.action ? `<p><a href="${e(p.action.url)}" style="display: inline-block; padding: 0.6em 1.2em; background: #1d4ed8; color: #ffffff; text-decoration: none; border-radius: 4px;">${e(p.action.label)}</a></p>\n<p style="font-size: 0.9em; color: #52606d;">${e(p.action.url)}</p>` : ""}
<p style="font-size: 0.9em; color: #52606d;">${e(signature)}</p>
${unsubscribeUrl ? `<p style="font-size: 0.8em; color: #52606d;">${e(t("email.unsubscribeHtml", { kind: categoryName }))} <a href="${e(unsubscribeUrl)}">${e(t("email.unsubscribeLink"))}</a></p>` : ""}
</body></html>`;
  return { subject: p.subject, text, html, body: p.notice ?? p.paragraphs[0] ?? "", link: p.link };
}

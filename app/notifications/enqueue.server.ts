// The one way to cause a notification: inside the caller's transaction, so the event, its email
// (written to the outbox, app/outbox/) and its in-app notice commit (or roll back) together.
// See docs/decisions/0017-notifications-outbox.md.
import { eq } from "drizzle-orm";
import type { Tx } from "~/db/client.server";
import { notifications, users, type Locale } from "~/db/schema";
import { recipientLocale } from "~/i18n/locale.server";
import { enqueueEmail, wakeWorker } from "~/outbox/enqueue.server";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { CATEGORY, type Category, type NotificationData, type NotificationKind } from "./kinds";
import { preferencesOf, unsubscribeToken, unsubscribeUrl } from "./preferences.server";
import { renderMessage } from "./render.server";

export type EnqueueInput<K extends NotificationKind> = {
  kind: K;
  /** The recipient. Inactive people get nothing. */
  userId: string;
  data: NotificationData[K];
  /** Send to this address instead of the account's (not used today; kept for invitations to a changed address). */
  toEmail?: string;
  /** Leave waking the worker to the caller (password reset wakes it later, with or without a message). */
  noWake?: boolean;
  /** An iCalendar invitation or cancellation sent with the email (live sessions, ADR 0036). */
  calendar?: { method: "REQUEST" | "CANCEL"; ics: string };
};

export type EnqueueResult = { outboxId: string | null; notificationId: string | null };

// Messages that do not belong in the in-app list: they are for someone who cannot log in yet
// or just asked for a way back in.
const EMAIL_ONLY = new Set<NotificationKind>(["invitation", "password_reset"]);

type Recipient = { id: string; email: string; displayName: string; locale: Locale | null; active: boolean };

/**
 * Records a notification for one person inside the caller's open transaction `tx`:
 * an outbox row (the email, rendered in the person's language, sent later by the worker) and,
 * for most kinds, an in-app notice. Optional kinds (reminders, digests) that the person turned
 * off get no email, only the in-app notice.
 *
 *   await writeTransaction(async (tx) => {
 *     …write the event…
 *     await enqueueNotification(tx, { kind: "review_done", userId: learnerId,
 *       data: { module: mod.title, outcome: { en: "passed", id: "lulus" }, path: `/practice/${id}` } });
 *   });
 */
export async function enqueueNotification<K extends NotificationKind>(tx: Tx, input: EnqueueInput<K>, now = clockNow()): Promise<EnqueueResult> {
  const [person] = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale, active: users.active })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!person || !person.active) return { outboxId: null, notificationId: null };
  return enqueueFor(tx, person, input, now);
}

/** The same for a recipient row the caller has already read (the scheduler reads thousands). */
export async function enqueueFor<K extends NotificationKind>(
  tx: Tx,
  person: Recipient,
  input: EnqueueInput<K>,
  now = clockNow(),
): Promise<EnqueueResult> {
  const locale: Locale = recipientLocale(person);
  const category: Category = CATEGORY[input.kind];
  const optional = category === "reminders" || category === "digests" ? category : null;
  const wanted = !optional || (await preferencesOf(tx, person.id))[optional];
  const unsubscribe = optional && wanted ? unsubscribeUrl(await unsubscribeToken(tx, person.id, now), optional) : null;
  const rendered = renderMessage(input.kind, input.data, { name: person.displayName, locale }, unsubscribe);
  let outboxId: string | null = null;
  if (wanted) {
    outboxId = await enqueueEmail(
      tx,
      {
        kind: input.kind,
        userId: person.id,
        toEmail: input.toEmail ?? person.email,
        locale,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        unsubscribeUrl: unsubscribe,
        calendar: input.calendar ?? null,
      },
      now,
    );
  }
  let notificationId: string | null = null;
  if (!EMAIL_ONLY.has(input.kind)) {
    notificationId = newId();
    await tx.insert(notifications).values({
      id: notificationId,
      userId: person.id,
      kind: input.kind,
      title: rendered.subject,
      body: rendered.body,
      link: rendered.link,
      createdAt: now,
    });
  }
  if (!input.noWake) wakeWorker();
  return { outboxId, notificationId };
}

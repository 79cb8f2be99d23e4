// The scheduling form's choices and the reading of a submitted form, shared by the new and the
// edit page: the same schema (LiveSessionSchema) as the tests use, errors per field.
import { pick } from "~/content/model";
import { visibleModules, type ContentState } from "~/content/registry.server";
import type { Locale } from "~/db/schema";
import type { Translate } from "~/i18n";
import { formToObject, parseForm, type FieldErrors } from "~/schemas/form";
import { LIVE_SESSION_ARRAY_FIELDS, LiveSessionSchema, type LiveSessionInput } from "~/schemas/sessions";
import type { SessionFormValues } from "./session-types";
import { hostCandidates } from "./schedule.server";

/** The hosts (name, role and address, so two people of one name differ) and the published modules. */
export async function sessionFormChoices(state: ContentState, locale: Locale, t: Translate) {
  const hosts = (await hostCandidates()).map((h) => ({
    id: h.id,
    label: `${h.displayName} (${h.role === "mentor" ? t("sessions.roleMentor") : h.role === "trainer" ? t("sessions.roleTrainer") : t("roles.admin")}, ${h.email})`,
  }));
  const modules = visibleModules(state, "staff").map((m) => ({ slug: m.slug, title: pick(m.title, locale) }));
  return { hosts, modules };
}

export type ReadSessionForm = { ok: true; input: LiveSessionInput } | { ok: false; errors: FieldErrors; values: Partial<SessionFormValues> };

/** A posted scheduling form: the parsed input, or the errors with what was typed (nothing lost). */
export function readSessionForm(form: FormData): ReadSessionForm {
  const parsed = parseForm(LiveSessionSchema, form, LIVE_SESSION_ARRAY_FIELDS);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: parsed.errors, values: typedValues(form) };
}

export function typedValues(form: FormData): Partial<SessionFormValues> {
  const raw = formToObject(form, LIVE_SESSION_ARRAY_FIELDS);
  const { modules, ...rest } = raw;
  return { ...(rest as Record<string, string>), modules: Array.isArray(modules) ? modules : [] };
}

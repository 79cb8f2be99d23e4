import { getConfig } from "~/config.server";
import type { Locale } from "~/db/schema/users";
import { renderTemplate } from "./template-render.server";
import { downloadName, findTemplate, getTemplates, TEMPLATE_TYPES } from "./templates.server";

/** The templates page: each template's title and summary in the reader's language, both files. */
export function listTemplates(locale: Locale) {
  return getTemplates().map((entry) => ({
    slug: entry.slug,
    title: entry.source.title[locale],
    summary: entry.source.summary[locale],
    format: TEMPLATE_TYPES[entry.source.kind].ext.toUpperCase(),
    files: { en: downloadName(entry, "en"), id: downloadName(entry, "id") },
  }));
}

/** The file for a download name such as `formulir-persetujuan-foto.docx`, or null. */
export async function templateDownload(name: string) {
  const found = findTemplate(getTemplates(), name);
  if (!found) return null;
  const body = await renderTemplate(found.entry, found.locale, getConfig().orgName);
  return { name, body, type: TEMPLATE_TYPES[found.entry.source.kind].type };
}

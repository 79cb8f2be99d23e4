import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { getConfig } from "~/config.server";
import { getTranslator } from "~/i18n/locale.server";
import { linksCsv } from "~/people/import.server";
import { formToObject } from "~/schemas/form";
import { ImportLinksSchema } from "~/schemas/import";
import { clockNow } from "~/utils/clock.server";

// The set-password links of an import, as a CSV download. Nothing is stored: the import result
// page posts its links back here and gets them as a file. Tokens are never logged.

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(request, "people.import");
  return redirect("/hr/import");
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCan(request, "people.import");
  const parsed = ImportLinksSchema.safeParse(formToObject(await request.formData()));
  const prefix = `${getConfig().publicUrl}/set-password/`;
  if (!parsed.success || parsed.data.links.some((l) => !l.url.startsWith(prefix))) {
    return new Response("The links could not be read. Import the file again to get new links.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { t } = await getTranslator(request, actor);
  const body = linksCsv(parsed.data.links, [
    t("fields.name"),
    t("fields.email"),
    t("fields.staffNumber"),
    t("import.linkColumn"),
    t("import.expiresColumn"),
  ]);
  const day = clockNow().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="set-password-links-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

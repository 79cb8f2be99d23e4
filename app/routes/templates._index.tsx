import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { pageMeta } from "~/components/meta";
import { useT } from "~/components/use-t";
import { listTemplates } from "~/content/template-downloads.server";
import { getTranslator } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "templates.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "learning.take");
  const { locale } = await getTranslator(request, user);
  return { templates: listTemplates(locale) };
}

export default function TemplatesPage() {
  const { templates } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1>{t("templates.title")}</h1>
      <p className="lead">{t("templates.intro")}</p>
      <ul className="module-grid" role="list">
        {templates.map((template) => (
          <li key={template.slug} className="module-card">
            <h2>{template.title}</h2>
            <p>{template.summary}</p>
            <p>
              <a href={`/templates/${template.files.id}`} download hrefLang="id">
                {t("templates.downloadIndonesian", { format: template.format })}
              </a>
              {" · "}
              <a href={`/templates/${template.files.en}`} download hrefLang="en">
                {t("templates.downloadEnglish", { format: template.format })}
              </a>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { manageableRoles } from "~/auth/policy";
import { Alert, ImportApplied, ImportColumnsHelp, ImportPreview, UploadForm } from "~/components/import/import-parts";
import { pageMeta } from "~/components/meta";
import { useT } from "~/components/use-t";
import {
  ACCEPTED_HEADERS,
  applyImport,
  IMPORT_MAX_BYTES,
  previewImport,
  type FileProblem,
  type ImportCounts,
  type ImportLink,
  type PartlyApplied,
} from "~/people/import.server";
import { readImportSubmission } from "~/people/import-upload.server";
import { importPreviewView, type ImportPreviewView } from "~/people/import-view.server";
import { formToObject } from "~/schemas/form";
import { ImportApplySchema } from "~/schemas/import";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "import.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "people.import");
  return { isAdmin: manageableRoles(actor, "people.import").length > 1, maxMb: IMPORT_MAX_BYTES / 1_000_000, headers: ACCEPTED_HEADERS };
}

type ActionData =
  | { kind: "problem"; problem: FileProblem }
  | { kind: "preview"; preview: ImportPreviewView; reason: "invalid" | "changed" | "mismatch" | null }
  | { kind: "applied"; counts: ImportCounts; links: ImportLink[] }
  | { kind: "partly"; applied: PartlyApplied; preview: ImportPreviewView; reason: "invalid" | "changed" | "failed" };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCan(request, "people.import");
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const submitted = await readImportSubmission(request);
    if (!submitted.ok) return data<ActionData>({ kind: "problem", problem: submitted.problem }, { status: submitted.status });
    const plan = await previewImport(actor, submitted.text);
    return data<ActionData>(
      { kind: "preview", preview: importPreviewView(plan), reason: null },
      { status: plan.fileProblems.length > 0 ? 400 : 200 },
    );
  }
  const parsed = ImportApplySchema.safeParse(formToObject(await request.formData()));
  if (!parsed.success) return data<ActionData>({ kind: "problem", problem: { message: "import.mismatch" } }, { status: 400 });
  const result = await applyImport(actor, { text: parsed.data.csv, hash: parsed.data.hash, digest: parsed.data.digest });
  if (!result.ok) {
    if (result.reason === "mismatch") return data<ActionData>({ kind: "problem", problem: { message: "import.mismatch" } }, { status: 400 });
    // Some batches were written before the import stopped: show them with the rest's preview.
    if (result.reason === "failed" || result.applied)
      return data<ActionData>(
        { kind: "partly", applied: result.applied!, preview: importPreviewView(result.plan), reason: result.reason },
        { status: result.reason === "failed" ? 500 : 409 },
      );
    return data<ActionData>({ kind: "preview", preview: importPreviewView(result.plan), reason: result.reason }, { status: 409 });
  }
  return data<ActionData>({ kind: "applied", counts: result.counts, links: result.links });
}

export default function ImportPage() {
  const { maxMb, headers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const problem = actionData?.kind === "problem" ? actionData.problem : null;
  // A plain block, not a grid: a wide table must scroll inside its frame, not widen the page.
  return (
    <div>
      <h1>{t("import.title")}</h1>
      {actionData?.kind === "applied" ? (
        <ImportApplied result={actionData} />
      ) : actionData?.kind === "partly" ? (
        <>
          <ImportApplied result={{ ...actionData.applied, failed: actionData.reason === "failed" }} />
          <ImportPreview preview={actionData.preview} reason={null} />
        </>
      ) : (
        <>
          <p className="lead">{t("import.intro", { mb: maxMb })}</p>
          {problem ? (
            <Alert>
              <span id="import-problem">{t(problem.message, problem.vars)}</span>
            </Alert>
          ) : null}
          <UploadForm problem={problem} />
          {actionData?.kind === "preview" ? <ImportPreview preview={actionData.preview} reason={actionData.reason} /> : null}
          <ImportColumnsHelp headers={headers} />
        </>
      )}
    </div>
  );
}

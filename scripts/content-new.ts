// Scaffolds a module that passes `npm run content:check -- --strict`: both languages, a quiz and
// a practical task. Usage: npm run content:new -- <slug> [--course content/<course-folder>]
import fs from "node:fs";
import path from "node:path";
import { ScaffoldError, scaffoldModule } from "~/content/scaffold.server";

const args = process.argv.slice(2);
const courseFlag = args.indexOf("--course");
const slug = args.find((a, i) => !a.startsWith("--") && (courseFlag === -1 || i !== courseFlag + 1));
const contentDir = path.resolve(process.env.CONTENT_DIR ?? "content");

function defaultCourse() {
  const courses = fs.existsSync(contentDir)
    ? fs
        .readdirSync(contentDir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && fs.existsSync(path.join(contentDir, e.name, "course.yaml")))
    : [];
  if (courses.length !== 1) {
    console.error(
      `Say which course with --course (one of: ${courses.map((c) => path.join(path.relative(process.cwd(), contentDir), c.name)).join(", ") || "none found"}).`,
    );
    process.exit(1);
  }
  return path.join(contentDir, courses[0]!.name);
}

if (!slug) {
  console.error("Usage: npm run content:new -- <slug> [--course content/<course-folder>]   (slug: lower-case words joined by hyphens)");
  process.exit(1);
}
const courseDir = courseFlag > -1 && args[courseFlag + 1] ? path.resolve(args[courseFlag + 1]!) : defaultCourse();
try {
  const dir = scaffoldModule(courseDir, slug);
  const rel = path.relative(process.cwd(), dir);
  console.log(`Created ${rel}/ (draft): module.yaml, a lesson in English and Indonesian, quiz.yaml, tasks.yaml, images/.
Next: edit the files, then run  npm run content:check  and preview at /content/${slug} (npm run dev).`);
} catch (error) {
  if (error instanceof ScaffoldError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

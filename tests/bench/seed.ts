// Seeds the benchmark's database: a library system with many branches and staff, and the
// history a year and a half of use leaves behind (lesson progress, graded quiz attempts,
// certificates, assignments). Raw prepared statements inside transactions, one argon2 hash for
// everybody, a seeded random generator: the same organisation on every run, in seconds.
import path from "node:path";
import { hash } from "@node-rs/argon2";
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { ContentModule, Quiz } from "../../app/content/model";
import type { AttemptAnswers, AttemptDraw } from "../../app/db/schema";
import { gradeAttempt } from "../../app/learning/grading.server";
import type { LoadItem } from "./types";

export const BENCH_PASSWORD = "bench-password-123";
const DAY = 86_400_000;
const CODE_ALPHABET = "2346789ABCDEFGHJKMNPQRTVWXYZ";

/** mulberry32: small, fast and good enough to spread test data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);

function randomId(rnd: Rnd) {
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) bytes[i] = int(rnd, 256);
  return bytes.toString("base64url");
}

function shuffle<T>(items: readonly T[], rnd: Rnd): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = int(rnd, i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** The app's drawQuestions (grading.server.ts), with the seeded generator. */
function drawQuestions(quiz: Quiz, rnd: Rnd): AttemptDraw {
  return shuffle(quiz.questions, rnd)
    .slice(0, quiz.draw)
    .map((q) => ({
      questionId: q.id,
      optionOrder:
        q.type === "true-false"
          ? q.options.map((_, i) => i)
          : shuffle(
              q.options.map((_, i) => i),
              rnd,
            ),
    }));
}

/** Option indexes: right for every question, or wrong for the first `wrong` drawn questions. */
function answersFor(quiz: Quiz, draw: AttemptDraw, wrong: number): AttemptAnswers {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const answers: AttemptAnswers = {};
  draw.forEach(({ questionId }, i) => {
    const q = byId.get(questionId)!;
    answers[questionId] = i < wrong ? [q.options.findIndex((o) => !o.correct)] : q.options.flatMap((o, idx) => (o.correct ? [idx] : []));
  });
  return answers;
}

function addMonths(t: number, months: number) {
  const d = new Date(t);
  const day = d.getUTCDate();
  d.setUTCMonth(d.getUTCMonth() + months);
  if (d.getUTCDate() < day) d.setUTCDate(0);
  return d.getTime();
}

const FIRST = [
  "Siti",
  "Budi",
  "Ayu",
  "Rizky",
  "Nur",
  "Made",
  "Putu",
  "Yohana",
  "Fajar",
  "Indah",
  "Hendra",
  "Lina",
  "Eko",
  "Maria",
  "Taufik",
  "Wulan",
  "Andi",
  "Ratna",
  "Joko",
  "Mega",
  "Kevin",
  "Sri",
  "Arief",
  "Citra",
  "Dimas",
  "Nia",
  "Bayu",
  "Dewi",
];
const LAST = [
  "Rahmawati",
  "Santoso",
  "Hidayat",
  "Nugroho",
  "Saputra",
  "Wati",
  "Siregar",
  "Gunawan",
  "Kusuma",
  "Harahap",
  "Setiawan",
  "Pertiwi",
  "Simanjuntak",
  "Utami",
  "Lubis",
  "Wibowo",
];

export type SeedOptions = {
  staff: number;
  branches: number;
  modules: ContentModule[];
  migrationsDir: string;
  now?: number;
  seed?: number;
};

export type SeededUser = { id: string; locale: "en" | "id"; orgUnitId: string };

export type SeedResult = {
  staff: number;
  branches: number;
  lessonProgress: number;
  quizAttempts: number;
  certificates: number;
  assignments: number;
  adminId: string;
  /** Active staff, in a stable order. */
  users: SeededUser[];
  /** Certificates that are valid now (not expired): id, code and holder. */
  validCertificates: { id: string; code: string; userId: string }[];
  seconds: number;
};

/** Migrates an empty database and fills it. `db` is a fresh better-sqlite3 connection. */
export async function seedDatabase(db: Database.Database, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  const rnd = prng(options.seed ?? 20_240_601);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  migrate(drizzle({ client: db }), { migrationsFolder: options.migrationsDir });
  // Bulk load: the data is thrown away if the process dies, so durability can wait.
  db.pragma("synchronous = OFF");
  const passwordHash = await hash(BENCH_PASSWORD);
  const modules = options.modules.filter((m) => m.status === "published" && m.quiz);
  if (modules.length === 0) throw new Error("seed: the content has no published module with a quiz");

  const insertUnit = db.prepare("insert into org_units (id, name, code, parent_id, created_at) values (?, ?, ?, ?, ?)");
  const insertUser = db.prepare(
    `insert into users (id, email, display_name, staff_number, org_unit_id, role, locale, active, password_hash, created_at, updated_at, deactivated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertProgress = db.prepare(
    `insert into lesson_progress (user_id, module_slug, lesson_slug, first_opened_at, last_seen_at, completed_at, seconds_spent)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttempt = db.prepare(
    `insert into quiz_attempts (id, user_id, module_slug, attempt_number, module_major_version, module_content_hash, draw, answers, score, passed, started_at, submitted_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCertificate = db.prepare(
    `insert into certificates (id, code, user_id, attempt_id, module_slug, module_major_version, module_content_hash, module_title, holder_name, staff_number, locale, score, issued_at, expires_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAssignment = db.prepare(
    `insert into assignments (id, module_slug, target_type, target_org_unit_id, due_date, created_by, created_at) values (?, ?, 'org_unit', ?, ?, ?, ?)`,
  );

  const systemId = randomId(rnd);
  const branchIds = Array.from({ length: options.branches }, () => randomId(rnd));
  const adminId = randomId(rnd);
  const users: (SeededUser & { name: string; staffNumber: string; active: boolean })[] = [];
  let lessonProgress = 0;
  let quizAttempts = 0;
  let certificates = 0;
  let assignments = 0;
  const validCertificates: SeedResult["validCertificates"] = [];

  db.transaction(() => {
    const created = now - 720 * DAY;
    insertUnit.run(systemId, "Kota Harapan Library System", "KHLS", null, created);
    branchIds.forEach((id, b) =>
      insertUnit.run(id, `Branch ${String(b + 1).padStart(2, "0")}`, `KHLS-${String(b + 1).padStart(3, "0")}`, systemId, created),
    );
    insertUser.run(adminId, "admin@bench.library", "Bench Admin", "A00001", systemId, "admin", "en", 1, passwordHash, created, created, null);
    for (let i = 0; i < 4; i++) {
      insertUser.run(
        randomId(rnd),
        `hr${i + 1}@bench.library`,
        `HR Officer ${i + 1}`,
        `H${String(i + 1).padStart(5, "0")}`,
        systemId,
        "hr",
        "id",
        1,
        passwordHash,
        created,
        created,
        null,
      );
      insertUser.run(
        randomId(rnd),
        `trainer${i + 1}@bench.library`,
        `Trainer ${i + 1}`,
        `T${String(i + 1).padStart(5, "0")}`,
        systemId,
        "trainer",
        "en",
        1,
        passwordHash,
        created,
        created,
        null,
      );
    }
    for (let i = 0; i < options.staff; i++) {
      const id = randomId(rnd);
      const name = `${FIRST[int(rnd, FIRST.length)]} ${LAST[int(rnd, LAST.length)]}`;
      const staffNumber = `S${String(i + 1).padStart(6, "0")}`;
      const locale = rnd() < 0.6 ? "id" : "en";
      const orgUnitId = branchIds[i % branchIds.length]!;
      // About one in a hundred has left: still on HR's record, no longer able to log in.
      const active = rnd() >= 0.01;
      insertUser.run(
        id,
        `staff${i + 1}@bench.library`,
        name,
        staffNumber,
        orgUnitId,
        "staff",
        locale,
        active ? 1 : 0,
        passwordHash,
        created,
        created,
        active ? null : now - int(rnd, 90) * DAY,
      );
      users.push({ id, locale, orgUnitId, name, staffNumber, active });
    }

    // Progress: each person has read a prefix of the course (modules in order, lessons in
    // order), on average about 20 lessons, so about 20 rows a person.
    const totalLessons = modules.reduce((n, m) => n + m.lessons.length, 0);
    const completedPairs: { user: (typeof users)[number]; mod: ContentModule; at: number }[] = [];
    for (const user of users) {
      const depth = Math.min(totalLessons, int(rnd, 41));
      let t = now - (30 + int(rnd, 510)) * DAY;
      let left = depth;
      for (const mod of modules) {
        if (left <= 0) break;
        const read = Math.min(left, mod.lessons.length);
        left -= read;
        for (let l = 0; l < read; l++) {
          const lesson = mod.lessons[l]!;
          t += int(rnd, 2 * DAY) + 600_000;
          const opened = t;
          const seen = opened + 120_000 + int(rnd, 900_000);
          // The last lesson of a half-read module is sometimes only opened.
          const completed = read < mod.lessons.length && l === read - 1 && rnd() < 0.5 ? null : seen;
          insertProgress.run(user.id, mod.slug, lesson.slug, opened, seen, completed, Math.round((seen - opened) / 1000));
          lessonProgress++;
        }
        if (read === mod.lessons.length) completedPairs.push({ user, mod, at: t + DAY });
      }
    }

    // Quiz attempts and certificates: about five attempts and two certificates a person.
    const pairs = shuffle(completedPairs, rnd);
    const passes = Math.min(options.staff * 2, pairs.length);
    let fails = Math.max(0, options.staff * 5 - passes);
    const failsPerPair = new Array<number>(pairs.length).fill(0);
    for (let round = 0; round < 3 && fails > 0; round++) {
      for (let p = 0; p < pairs.length && fails > 0; p++) {
        if (round > 0 && rnd() < 0.5) continue;
        failsPerPair[p]!++;
        fails--;
      }
    }
    pairs.forEach(({ user, mod, at }, p) => {
      const quiz = mod.quiz!;
      let t = Math.min(at, now - DAY);
      let number = 0;
      const attempt = (wrong: number) => {
        const draw = drawQuestions(quiz, rnd);
        const answers = answersFor(quiz, draw, wrong);
        const grade = gradeAttempt(quiz, draw, answers);
        const passed = grade.score >= mod.settings.passMark;
        const id = randomId(rnd);
        const startedAt = Math.min(t, now - 3_600_000);
        const submitted = startedAt + 300_000 + int(rnd, 900_000);
        number++;
        insertAttempt.run(
          id,
          user.id,
          mod.slug,
          number,
          mod.majorVersion,
          mod.contentHash,
          JSON.stringify(draw),
          JSON.stringify(answers),
          grade.score,
          passed ? 1 : 0,
          startedAt,
          submitted,
        );
        quizAttempts++;
        t = submitted + mod.settings.cooldownMs + int(rnd, 3 * DAY);
        return { id, score: grade.score, passed, submitted };
      };
      for (let f = 0; f < failsPerPair[p]!; f++) attempt(3 + int(rnd, 3));
      if (p >= passes) return;
      const pass = attempt(rnd() < 0.3 ? 1 : 0);
      if (!pass.passed) throw new Error("seed: a passing attempt did not pass; check the pass mark");
      const locale = user.locale;
      let code = "";
      for (let c = 0; c < 16; c++) code += CODE_ALPHABET[int(rnd, CODE_ALPHABET.length)];
      code = code.match(/.{4}/g)!.join("-");
      const certId = randomId(rnd);
      const validity = mod.settings.certificateValidityMonths;
      const expires = validity ? addMonths(pass.submitted, validity) : null;
      insertCertificate.run(
        certId,
        code,
        user.id,
        pass.id,
        mod.slug,
        mod.majorVersion,
        mod.contentHash,
        mod.title[locale] || mod.title.en,
        user.name,
        user.staffNumber,
        locale,
        pass.score,
        pass.submitted,
        expires,
      );
      certificates++;
      if (user.active && (expires === null || expires > now)) validCertificates.push({ id: certId, code, userId: user.id });
    });

    // Assignments: the system's first module for everyone, and two modules per branch.
    insertAssignment.run(randomId(rnd), modules[0]!.slug, systemId, new Date(now + 60 * DAY).toISOString().slice(0, 10), adminId, now - 200 * DAY);
    assignments++;
    branchIds.forEach((id, b) => {
      for (const k of [b % modules.length, (b + 3) % modules.length]) {
        const due = now + (int(rnd, 120) - 40) * DAY;
        insertAssignment.run(randomId(rnd), modules[k]!.slug, id, new Date(due).toISOString().slice(0, 10), adminId, now - int(rnd, 300) * DAY);
        assignments++;
      }
    });
  })();
  db.pragma("synchronous = NORMAL");
  db.pragma("wal_checkpoint(TRUNCATE)");

  return {
    staff: options.staff,
    branches: options.branches,
    lessonProgress,
    quizAttempts,
    certificates,
    assignments,
    adminId,
    users: users.filter((u) => u.active).map(({ id, locale, orgUnitId }) => ({ id, locale, orgUnitId })),
    validCertificates,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Logged-in sessions without logging in: one row in `sessions` per user (Lucia v3 stores the
 * session id as it is in the cookie). They expire in 23 hours, so Lucia's sliding renewal
 * (once half of the 24-hour idle time has passed) writes nothing during the runs.
 */
export function createSessions(db: Database.Database, userIds: string[], seed = 7, now = Date.now()): Map<string, string> {
  const rnd = prng(seed);
  const insert = db.prepare("insert into sessions (id, user_id, expires_at) values (?, ?, ?)");
  const cookies = new Map<string, string>();
  const expires = Math.floor((now + 23 * 3_600_000) / 1000);
  db.transaction(() => {
    for (const userId of userIds) {
      if (cookies.has(userId)) continue;
      // The app accepts only session ids in Lucia's alphabet (lowercase letters and digits).
      const id = Buffer.from(randomId(rnd) + randomId(rnd), "base64url").toString("hex");
      insert.run(id, userId, expires);
      cookies.set(userId, `academy_session=${id}`);
    }
  })();
  return cookies;
}

/**
 * Open quiz attempts for the quiz-submission run, at most one per (user, module) as the unique
 * index demands, each with its form body (display positions, as the page would send them):
 * three in four answer every question right (graded, passed, a certificate issued in the same
 * transaction), one in four get three wrong (graded, failed).
 */
export function createOpenAttempts(
  db: Database.Database,
  modules: ContentModule[],
  users: SeededUser[],
  count: number,
  cookies: (userId: string) => string,
  seed = 11,
  now = Date.now(),
): LoadItem[] {
  const rnd = prng(seed);
  const withQuiz = modules.filter((m) => m.status === "published" && m.quiz);
  const max = new Map<string, number>();
  for (const row of db
    .prepare("select user_id as u, module_slug as m, max(attempt_number) as n from quiz_attempts group by user_id, module_slug")
    .all() as { u: string; m: string; n: number }[]) {
    max.set(`${row.u}|${row.m}`, row.n);
  }
  const insert = db.prepare(
    `insert into quiz_attempts (id, user_id, module_slug, attempt_number, module_major_version, module_content_hash, draw, answers, started_at)
     values (?, ?, ?, ?, ?, ?, ?, '{}', ?)`,
  );
  const items: LoadItem[] = [];
  const total = Math.min(count, users.length * withQuiz.length);
  db.transaction(() => {
    for (let k = 0; k < total; k++) {
      // Every user once per round, a different module for each user in each round.
      const u = k % users.length;
      const mod = withQuiz[(Math.floor(k / users.length) + u) % withQuiz.length]!;
      const user = users[u]!;
      const quiz = mod.quiz!;
      const draw = drawQuestions(quiz, rnd);
      const id = randomId(rnd);
      const key = `${user.id}|${mod.slug}`;
      insert.run(id, user.id, mod.slug, (max.get(key) ?? 0) + 1, mod.majorVersion, mod.contentHash, JSON.stringify(draw), now - 600_000);
      const wrong = rnd() < 0.25 ? 3 : 0;
      const answers = answersFor(quiz, draw, wrong);
      const form = new URLSearchParams({ intent: "submit" });
      for (const { questionId, optionOrder } of draw) {
        for (const idx of answers[questionId]!) form.append(`q.${questionId}`, String(optionOrder.indexOf(idx)));
      }
      items.push({ path: `/learn/${mod.slug}/quiz/${id}`, cookie: cookies(user.id), body: form.toString() });
    }
  })();
  return items;
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../drizzle");

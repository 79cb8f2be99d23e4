import fs from "node:fs";
import path from "node:path";

// `npm run content:new -- <slug>`: a new module that already passes `content:check --strict`,
// so a trainer starts from something that works and changes one thing at a time.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class ScaffoldError extends Error {}

const moduleYaml = (slug: string) => `# Module settings: every field is explained in content/README.md.
slug: ${slug}
status: draft                 # draft: only trainers see it; published: staff see it
major_version: 1
title:
  en: "New module: ${slug}"
  id: "Modul baru: ${slug}"
summary:
  en: "What staff will be able to do after this module."
  id: "Apa yang dapat dilakukan staf setelah modul ini."
estimated_minutes: 20
hours: 0.5                    # lesson hours (JP, 45 minutes each) a certificate counts for
competencies:                 # what the module trains, from the librarian career framework
  - { en: "Library promotion through social media", id: "Promosi perpustakaan melalui media sosial" }
pass_mark: 80
max_attempts: unlimited
cooldown: 10m
reveal_answers: after-passing
certificate_validity_months: 24
completion: both              # quiz, tasks or both
`;

const lesson = (lang: "en" | "id") =>
  lang === "en"
    ? `---
title: "Getting started"
minutes: 5
---

Write the lesson here, in short paragraphs.

<Callout type="tip" title="One idea per lesson">
Keep each lesson to one idea that staff can use the same day.
</Callout>

<DoDont>
<Do>
Answer a patron's question within one working day.
</Do>
<Dont>
Leave a complaint unanswered over the weekend.
</Dont>
</DoDont>

<KeyTakeaways>
- Social media is a conversation.
- Answer quickly and kindly.
</KeyTakeaways>
`
    : `---
title: "Memulai"
minutes: 5
---

Tulis pelajaran di sini, dalam paragraf pendek.

<Callout type="tip" title="Satu gagasan per pelajaran">
Batasi setiap pelajaran pada satu gagasan yang bisa langsung dipakai staf hari itu juga.
</Callout>

<DoDont>
<Do>
Jawab pertanyaan pemustaka dalam satu hari kerja.
</Do>
<Dont>
Membiarkan keluhan tak terjawab sepanjang akhir pekan.
</Dont>
</DoDont>

<KeyTakeaways>
- Media sosial adalah percakapan.
- Jawab dengan cepat dan ramah.
</KeyTakeaways>
`;

// Balanced on purpose: the right option is not the longest, true/false answers go both ways,
// and the multiple-answer questions have different numbers of right options.
const quizYaml = `# Questions in both languages. Every field is explained in content/README.md.
draw: 4
questions:
  - id: reply-time
    type: single
    prompt:
      en: "A patron asks a question in a comment. When should you reply?"
      id: "Pemustaka bertanya di kolom komentar. Kapan sebaiknya Anda membalas?"
    options:
      - text: { en: "Within one working day", id: "Dalam satu hari kerja" }
        correct: true
      - text: { en: "Only if the question gets many likes first", id: "Hanya jika pertanyaannya sudah banyak disukai" }
      - text: { en: "At the next monthly meeting", id: "Pada rapat bulanan berikutnya" }
    explanation:
      en: "A quick answer shows the library is listening."
      id: "Jawaban yang cepat menunjukkan perpustakaan mendengarkan."
  - id: tone
    type: single
    prompt:
      en: "Which reply fits a library's voice?"
      id: "Balasan mana yang sesuai dengan gaya bahasa perpustakaan?"
    options:
      - text: { en: "Friendly and clear", id: "Ramah dan jelas" }
        correct: true
      - text: { en: "Formal, with every rule quoted in full", id: "Resmi, dengan semua peraturan dikutip lengkap" }
      - text: { en: "Short and cold", id: "Singkat dan dingin" }
    explanation:
      en: "Friendly and clear words build trust."
      id: "Kata-kata yang ramah dan jelas membangun kepercayaan."
  - id: consistency
    type: true-false
    prompt:
      en: "Posting regularly matters more than posting a lot."
      id: "Mengunggah secara teratur lebih penting daripada mengunggah banyak."
    answer: true
    explanation:
      en: "A steady rhythm builds an audience."
      id: "Irama yang tetap membangun khalayak."
  - id: private-data
    type: true-false
    prompt:
      en: "It is fine to post a patron's phone number if they asked a question."
      id: "Boleh mengunggah nomor telepon pemustaka jika ia bertanya."
    answer: false
    explanation:
      en: "Personal data is never posted; answer in a private message."
      id: "Data pribadi tidak pernah diunggah; jawab lewat pesan pribadi."
  - id: good-post
    type: multiple
    prompt:
      en: "What does a good post have? Pick every answer that applies."
      id: "Apa yang dimiliki unggahan yang baik? Pilih semua jawaban yang tepat."
    options:
      - text: { en: "Alt text on pictures", id: "Teks alternatif pada gambar" }
        correct: true
      - text: { en: "Consent from people shown", id: "Izin dari orang yang tampil" }
        correct: true
      - text: { en: "A patron's home address", id: "Alamat rumah pemustaka" }
    explanation:
      en: "Accessibility and consent, always."
      id: "Aksesibilitas dan izin, selalu."
  - id: private-channels
    type: multiple
    prompt:
      en: "Where should a patron's library card number go? Pick every answer that applies."
      id: "Ke mana nomor kartu anggota pemustaka sebaiknya dikirim? Pilih semua jawaban yang tepat."
    options:
      - text: { en: "A private message", id: "Pesan pribadi" }
        correct: true
      - text: { en: "A public comment under the post", id: "Komentar publik di bawah unggahan" }
      - text: { en: "The library's public story", id: "Cerita publik perpustakaan" }
    explanation:
      en: "Card numbers are private: only private channels."
      id: "Nomor kartu bersifat pribadi: hanya lewat saluran pribadi."
`;

const tasksYaml = `# Practical tasks (format in content/README.md, "Practical tasks").
tasks:
  - slug: first-reply
    version: 1
    title:
      en: "Reply to a patron's comment"
      id: "Balas komentar pemustaka"
    instructions:
      en: |
        Read the comment below and write the reply you would post, as the library.
        Keep it **friendly**, answer the question, and say where to find more help.
      id: |
        Baca komentar di bawah, lalu tulis balasan yang akan Anda unggah atas nama perpustakaan.
        Buat balasan yang **ramah**, jawab pertanyaannya, dan sebutkan ke mana mencari bantuan lain.
    scenario:
      platform: Instagram
      account:
        en: "@rina_reads"
        id: "@rina_reads"
      text:
        en: "Why is the library closed on Sunday again??"
        id: "Kenapa perpustakaan tutup lagi hari Minggu??"
    submit:
      text: { min: 200, max: 3000 }
    rubric:
      - id: answers
        title:
          en: "Answers the question"
          id: "Menjawab pertanyaan"
        levels:
          - points: 0
            descriptor: { en: "Does not answer the question.", id: "Tidak menjawab pertanyaan." }
            example: { en: "Thanks for your message!", id: "Terima kasih atas pesannya!" }
          - points: 1
            descriptor: { en: "Answers part of the question.", id: "Menjawab sebagian pertanyaan." }
            example: { en: "We open at 8 tomorrow.", id: "Besok kami buka pukul 8." }
          - points: 2
            descriptor: { en: "Answers the question fully and says where to find more.", id: "Menjawab lengkap dan menyebutkan sumber informasi lain." }
            example: { en: "We open at 8 tomorrow and close at 4; all opening hours are on our website.", id: "Besok kami buka pukul 8 dan tutup pukul 4; semua jam layanan ada di situs web kami." }
      - id: tone
        title:
          en: "Friendly tone"
          id: "Nada yang ramah"
        levels:
          - points: 0
            descriptor: { en: "Cold or defensive.", id: "Dingin atau defensif." }
            example: { en: "As posted, we open at 8.", id: "Sudah diumumkan, kami buka pukul 8." }
          - points: 1
            descriptor: { en: "Polite but stiff.", id: "Sopan tetapi kaku." }
            example: { en: "Dear patron, the library opens at 08.00.", id: "Yth. pemustaka, perpustakaan buka pukul 08.00." }
          - points: 2
            descriptor: { en: "Warm, clear and in the library's voice.", id: "Hangat, jelas, dan sesuai gaya bahasa perpustakaan." }
            example: { en: "Hi! We open at 8 tomorrow. See you then!", id: "Halo! Besok kami buka pukul 8. Sampai jumpa!" }
    pass:
      min_level: 2
`;

/** Creates the next numbered module folder in `courseDir`; returns its path. */
export function scaffoldModule(courseDir: string, slug: string): string {
  if (!SLUG.test(slug)) throw new ScaffoldError(`"${slug}" is not a module name: use lower-case words joined by hyphens, such as answering-patrons`);
  if (!fs.existsSync(path.join(courseDir, "course.yaml"))) throw new ScaffoldError(`${courseDir} is not a course folder (it has no course.yaml)`);
  const existing = fs.readdirSync(courseDir, { withFileTypes: true }).filter((e) => e.isDirectory());
  const clash = existing.find((e) => e.name.replace(/^\d+-/, "") === slug);
  if (clash) throw new ScaffoldError(`a module folder named ${clash.name} already exists`);
  const next = Math.max(0, ...existing.map((e) => Number(/^(\d+)-/.exec(e.name)?.[1] ?? 0))) + 1;
  const dir = path.join(courseDir, `${String(next).padStart(2, "0")}-${slug}`);
  fs.mkdirSync(path.join(dir, "images"), { recursive: true });
  fs.writeFileSync(path.join(dir, "module.yaml"), moduleYaml(slug));
  fs.writeFileSync(path.join(dir, "01-getting-started.en.mdx"), lesson("en"));
  fs.writeFileSync(path.join(dir, "01-getting-started.id.mdx"), lesson("id"));
  fs.writeFileSync(path.join(dir, "quiz.yaml"), quizYaml);
  fs.writeFileSync(path.join(dir, "tasks.yaml"), tasksYaml);
  return dir;
}

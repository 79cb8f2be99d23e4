import type { everydayEn } from "./everyday.en";

// Bahasa tersimpan, membaca notifikasi, umpan balik untuk tugas yang dikembalikan, gambar yang
// diserahkan, dan pencarian rekam pelatihan (isu 27).
export const everydayId: Record<keyof typeof everydayEn, string> = {
  "email.signatureProduct": "Pustaka Academy",
  "email.feedbackIntro": "Umpan balik dari penilai:",
  "email.feedbackCriterion": "{criterion}: {comment}",
  "email.feedbackMore": "Baca seluruhnya di halaman tugas sebelum Anda menyerahkan lagi.",

  "account.language.title": "Bahasa Anda",
  "account.language.intro": "Halaman, email, notifikasi, dan sertifikat memakai bahasa ini.",
  "account.language.legend": "Bahasa",
  "account.language.save": "Simpan bahasa",
  "account.language.saved": "Bahasa Anda sudah disimpan.",

  "practice.feedbackFirst": "Umpan balik untuk versi {version}",
  "practice.feedbackFirstIntro": "Baca ini sebelum Anda mengubah pekerjaan dan menyerahkannya lagi.",
  "practice.imageAlt": "Gambar yang diserahkan: {name}",
  "practice.feedbackAbove": "Umpan balik untuk versi ini ada di bagian atas halaman.",

  "report.search": "Nama, email, atau nomor pegawai",
  "report.searchHint": "Sebagian nama atau email sudah cukup.",
};

// Sertifikat dalam bahasa pemegangnya: PDF dalam bahasa lain, dan uraian cara sertifikat
// diperoleh di halaman verifikasi.
import type { certificateLanguageEn } from "./certificate-language.en";

export const certificateLanguageId: Record<keyof typeof certificateLanguageEn, string> = {
  "certificates.downloadIn": "PDF dalam {language}",
  "certificates.language.en": "bahasa Inggris",
  "certificates.language.id": "bahasa Indonesia",
  "certificates.langInvalid": "Bahasa PDF sertifikat adalah en (bahasa Inggris) atau id (bahasa Indonesia).",
  "verify.earnedHeading": "Cara sertifikat ini diperoleh",
  "verify.quizLine": "Lulus kuis modul dengan nilai {score} pada {date}.",
  "verify.taskByMentor": "Tugas praktik “{task}”: dinilai oleh mentor, {name}, dan disetujui pada {date}.",
  "verify.taskByTrainer": "Tugas praktik “{task}”: dinilai oleh pelatih, {name}, dan disetujui pada {date}.",
  "verify.inOtherLanguage": "Tampilkan sertifikat ini dalam {language}",
};

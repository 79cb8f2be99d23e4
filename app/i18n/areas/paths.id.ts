import type { pathsEn } from "./paths.en";

export const pathsId: Record<keyof typeof pathsEn, string> = {
  "paths.validation.unknownPath": "Pilih jalur belajar yang sudah diterbitkan.",
  "paths.email.certificate.subject": "Sertifikat jalur belajar Anda: {path}",
  "paths.email.certificate.body":
    "Selamat: semua modul dalam jalur belajar “{path}” sudah Anda selesaikan dan bersertifikat, sehingga Anda memperoleh sertifikat jalur ini. Siapa pun dapat memeriksanya di {verifyUrl}",
  "audit.action.path_assignment.create": "Jalur belajar ditugaskan",
  "audit.action.path_assignment.delete": "Penugasan jalur belajar dihapus",
  "paths.lockedBy": "Modul ini bagian dari jalur belajar “{path}” yang diikuti berurutan: modul ini terbuka setelah Anda memperoleh sertifikat",
  "paths.seePath": "Lihat jalurnya",
};

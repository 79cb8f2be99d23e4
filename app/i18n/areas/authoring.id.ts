import type { authoringEn } from "./authoring.en";

// Pesan bahasa Indonesia untuk alat penyusunan materi (pratinjau konten, halaman tinjauan) dan
// keterangan modul di halaman modul peserta. Kuncinya harus sama dengan authoring.en.ts.
export const authoringId: Record<keyof typeof authoringEn, string> = {
  "authoring.points.one": "{points} poin",
  "authoring.points.other": "{points} poin",
  "authoring.lowest": "terendah",
  "authoring.highest": "tertinggi",
  "authoring.example": "Contoh jawaban pada tingkat ini",
  "authoring.examplesNote": "Contoh jawaban hanya ditampilkan kepada peninjau dan pelatih, tidak pernah kepada staf.",
  "authoring.noExample": "Belum ada contoh jawaban.",
  "authoring.hours": "Jam pelajaran: {hours} JP",
  "authoring.noHours": "Jam pelajaran: belum ditetapkan",
  "authoring.competencies": "Kompetensi yang dibangun modul ini",
  "authoring.tasks": "Tugas praktik dan rubrik",
  "authoring.noTasks": "Modul ini tidak memiliki tugas praktik.",
  "authoring.taskVersion": "Versi tugas {version}",
  "authoring.count.error.one": "{count} kesalahan",
  "authoring.count.error.other": "{count} kesalahan",
  "authoring.count.warning.one": "{count} peringatan",
  "authoring.count.warning.other": "{count} peringatan",
  "authoring.severity.error": "Kesalahan",
  "authoring.severity.warning": "Peringatan",
  "errors.moduleUpdatingTitle": "Modul ini sedang diperbarui",
  "errors.moduleUpdatingBody":
    "Para pelatih sedang memperbarui modul ini. Kemajuan belajar Anda tetap tersimpan. Silakan kembali lagi nanti; Anda tidak perlu melakukan apa pun.",
  "authoring.unavailableModules": "Modul yang tidak dapat dimuat",
  "authoring.unavailableIntro":
    "Staf melihat modul ini sebagai sedang diperbarui sampai module.yaml-nya diperbaiki. Masalah pertama yang perlu diperbaiki ditampilkan beserta berkas dan barisnya.",
  "authoring.fallbackNotice": "Pelajaran ini belum memiliki versi {wanted}: Anda sedang melihat pratinjau versi {shown}.",
};

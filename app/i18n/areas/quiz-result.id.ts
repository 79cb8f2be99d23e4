// Arti hasil kuis bagi peserta: sertifikat, tugas praktik yang belum selesai, atau materi yang
// perlu dibaca ulang dan kapan boleh mencoba lagi.
import type { quizResultEn } from "./quiz-result.en";

export const quizResultId: Record<keyof typeof quizResultEn, string> = {
  "result.certified": "Sertifikat Anda sudah terbit.",
  "result.downloadCertificate": "Unduh sertifikat Anda (PDF)",
  "result.allCertificates": "Semua sertifikat Anda",
  "result.awaitingTasks":
    "Anda lulus kuis. Modul ini juga mensyaratkan tugas praktik yang disetujui pelatih atau mentor: sertifikat Anda baru terbit setelah itu, belum sekarang.",
  "result.tasksHeading": "Tugas praktik",
  "result.taskLine": "{task}: {standing}",
  "result.standing.not-handed-in": "belum diserahkan",
  "result.standing.waiting-for-review": "sudah diserahkan, menunggu dinilai",
  "result.standing.changes-requested": "perlu perbaikan: baca komentarnya lalu serahkan lagi",
  "result.standing.approved": "disetujui",
  "result.passedOnly": "Anda lulus pada percobaan ini. Sertifikat modul ini sudah tidak berlaku: lihat daftar sertifikat Anda.",
  "result.rereadHeading": "Materi yang perlu dibaca ulang",
  "result.rereadIntro": "Pelajari lagi materi berikut sebelum mencoba lagi:",
  "result.nextNow": "Anda bisa mencoba lagi sekarang.",
  "result.nextAt": "Percobaan berikutnya dibuka pada {time}.",
  "result.noneLeft": "Kesempatan mencoba Anda sudah habis. Tanyakan kepada pelatih Anda tentang kesempatan tambahan.",
  "result.sincePassed": "Anda sudah lulus pada percobaan berikutnya.",
  "result.tryAgain": "Buka kuis",
};

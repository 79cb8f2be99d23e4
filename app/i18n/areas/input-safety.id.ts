import type { inputSafetyEn } from "./input-safety.en";

export const inputSafetyId: Record<keyof typeof inputSafetyEn, string> = {
  "validation.quizAnswerOnlyOne": "Soal ini hanya punya satu jawaban. Pilih satu opsi saja.",
  "validation.quizAnswerUnknown": "Jawaban ini tidak termasuk pilihan soal. Pilih salah satu opsi yang tersedia.",
  "validation.quizAnswerRepeated": "Opsi yang sama terkirim dua kali. Centang setiap opsi paling banyak sekali.",
  "validation.quizAnswerMalformed": "Jawaban ini tidak dapat dibaca. Pilih salah satu opsi yang tersedia.",
  "validation.quizQuestionNotDrawn": "Ada jawaban untuk soal yang tidak termasuk dalam percobaan ini.",
  "validation.controlCharsText": "Hapus karakter kontrol tak terlihat dari teks ini. Baris baru dan tab boleh dipakai.",
  "quiz.answersRefused": "Jawaban Anda tidak diterima; belum ada yang dinilai atau disimpan. Silakan periksa:",
};

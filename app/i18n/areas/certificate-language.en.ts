// Certificates in the holder's language (issue 26): the other language's PDF, and the verify
// page's account of how the certificate was earned. Part of the certificates area.
export const certificateLanguageEn = {
  "certificates.downloadIn": "PDF in {language}",
  "certificates.language.en": "English",
  "certificates.language.id": "Indonesian",
  "certificates.langInvalid": "The language of a certificate PDF is en (English) or id (Indonesian).",
  "verify.earnedHeading": "How it was earned",
  "verify.quizLine": "Passed the module's quiz with a score of {score} on {date}.",
  "verify.taskByMentor": "Practical task “{task}”: reviewed by a mentor, {name}, and approved on {date}.",
  "verify.taskByTrainer": "Practical task “{task}”: reviewed by a trainer, {name}, and approved on {date}.",
  "verify.inOtherLanguage": "Show this certificate in {language}",
} as const;

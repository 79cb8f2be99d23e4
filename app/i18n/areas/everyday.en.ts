// Saved language, reading notices, returned work's feedback, handed-in images and the training
// record's search (issue 27). Keys used on several areas' pages, so they go to every page.
export const everydayEn = {
  "email.signatureProduct": "Pustaka Academy",
  "email.feedbackIntro": "The reviewer's feedback:",
  "email.feedbackCriterion": "{criterion}: {comment}",
  "email.feedbackMore": "Read all of it on the task page before you hand in again.",

  "account.language.title": "Your language",
  "account.language.intro": "Pages, emails, notifications and certificates use this language.",
  "account.language.legend": "Language",
  "account.language.save": "Save language",
  "account.language.saved": "Your language has been saved.",

  "practice.feedbackFirst": "Feedback on version {version}",
  "practice.feedbackFirstIntro": "Read this before you change your work and hand it in again.",
  "practice.imageAlt": "Handed-in image: {name}",
  "practice.feedbackAbove": "The feedback on this version is at the top of the page.",

  "report.search": "Name, email or employee number",
  "report.searchHint": "Part of a name or email is enough.",
} as const;

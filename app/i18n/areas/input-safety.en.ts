// Refused input (forged quiz answers) and lessons held back for their content. Not an area of
// its own in client-messages: these few keys are sent with every page.
export const inputSafetyEn = {
  "validation.quizAnswerOnlyOne": "This question takes one answer only. Choose one option.",
  "validation.quizAnswerUnknown": "This answer is not one of the question's options. Choose one of the options shown.",
  "validation.quizAnswerRepeated": "The same option was sent twice. Tick each option at most once.",
  "validation.quizAnswerMalformed": "This answer could not be read. Choose one of the options shown.",
  "validation.quizQuestionNotDrawn": "An answer was sent for a question that is not part of this attempt.",
  "validation.controlCharsText": "Remove the invisible control characters from this text. Line breaks and tabs are fine.",
  "quiz.answersRefused": "Your answers were not accepted, and nothing has been graded or saved. Please check:",
} as const;

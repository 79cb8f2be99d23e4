// Learning paths: assigning them (HR), following them (/learn, /learn/paths/…), their certificates.
export const pathsEn = {
  "paths.validation.unknownPath": "Choose a published learning path.",
  "paths.email.certificate.subject": "Your learning path certificate: {path}",
  "paths.email.certificate.body":
    "Congratulations: you have certified every module of the learning path “{path}” and earned its certificate. Anyone can check it at {verifyUrl}",
  "audit.action.path_assignment.create": "Learning path assigned",
  "audit.action.path_assignment.delete": "Learning path assignment removed",
  "paths.lockedBy": "This module belongs to the learning path “{path}”, taken in order: it opens once you hold the certificate of",
  "paths.seePath": "See the path",
} as const;

// What a graded quiz attempt means for the learner (learn.$module.quiz.$attemptId): certificate,
// practical tasks still open, or what to reread and when to try again. Not an area of its own in
// client-messages (the quiz pages have none): these few keys are sent with every page.
export const quizResultEn = {
  "result.certified": "Your certificate has been issued.",
  "result.downloadCertificate": "Download your certificate (PDF)",
  "result.allCertificates": "All your certificates",
  "result.awaitingTasks":
    "You passed the quiz. This module also needs its practical task approved by a trainer or mentor: your certificate is issued then, not yet.",
  "result.tasksHeading": "Practical task",
  "result.taskLine": "{task}: {standing}",
  "result.standing.not-handed-in": "not handed in yet",
  "result.standing.waiting-for-review": "handed in, waiting for review",
  "result.standing.changes-requested": "changes requested: read the comments and hand it in again",
  "result.standing.approved": "approved",
  "result.passedOnly": "You passed this attempt. The module's certificate is no longer valid: see your certificates.",
  "result.rereadHeading": "What to reread",
  "result.rereadIntro": "Go back over these lessons before your next attempt:",
  "result.nextNow": "You can try again now.",
  "result.nextAt": "Your next attempt opens on {time}.",
  "result.noneLeft": "You have no attempts left. Ask your trainer about another chance.",
  "result.sincePassed": "You have passed a later attempt.",
  "result.tryAgain": "Go to the quiz",
} as const;

// The mail transport the outbox worker sends through.
import nodemailer, { type Transporter } from "nodemailer";
import { getConfig } from "~/config.server";

export type Mailer = { transport: Transporter; name: "smtp" | "capture" };

/**
 * SMTP when SMTP_URL is set; otherwise messages are "captured": kept in the outbox, marked as
 * such, and readable by admins at /admin/outbox (the demo and development need no mail server).
 */
export function createMailer(smtpUrl = getConfig().mail.smtpUrl): Mailer {
  if (!smtpUrl) return { transport: nodemailer.createTransport({ jsonTransport: true }), name: "capture" };
  return { transport: nodemailer.createTransport(smtpUrl), name: "smtp" };
}

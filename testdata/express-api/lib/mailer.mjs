import nodemailer from "nodemailer";
import sgMail from "@sendgrid/mail";

// Transactional mail through SendGrid's SMTP relay (the username is literally "apikey").
export const transporter = nodemailer.createTransport({
  host: "smtp.sendgrid.net",
  port: 587,
  auth: {
    user: "apikey",
    pass: "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", // expect: secrets/hardcoded-credential
  },
  tls: {
    rejectUnauthorized: false, // expect: auth/tls-verification-disabled
  },
});

sgMail.setApiKey(process.env.SENDGRID_API_KEY); // ok: secrets/hardcoded-credential

export async function sendDeliveryNotice(to, trackingNumber) {
  await sgMail.send({
    to,
    from: "updates@shiptrack.io",
    templateId: "d-6f1c2b9e8a7d4c3b",
    dynamicTemplateData: { trackingNumber },
  });
}

import smtplib
import ssl
from email.message import EmailMessage

from app.core.config import settings


def send_email(to: str, subject: str, html: str) -> None:
    message = EmailMessage()
    message["From"] = settings.EMAILS_FROM_EMAIL
    message["To"] = to
    message["Subject"] = subject
    message.set_content(html, subtype="html")

    context = ssl.create_default_context(cafile=settings.SMTP_CA_FILE)
    context.verify_mode = ssl.CERT_REQUIRED  # ok: auth/tls-verification-disabled
    with smtplib.SMTP(settings.SMTP_HOST, settings.SMTP_PORT, timeout=15) as smtp:
        smtp.starttls(context=context)
        smtp.login("apikey", settings.SENDGRID_API_KEY)
        smtp.send_message(message)

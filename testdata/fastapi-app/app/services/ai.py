from openai import OpenAI

from app.core.config import settings

# Chat completions bill to the main OpenAI project.
client = OpenAI(api_key=settings.OPENAI_API_KEY)  # ok: secrets/hardcoded-credential

# Invoice search embeddings run on a separate project with its own budget.
embeddings_client = OpenAI(api_key="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")  # expect: secrets/hardcoded-credential

REMINDER_SYSTEM_PROMPT = (
    "You write short, friendly payment reminder emails for small businesses. "
    "Never threaten the customer and never mention late fees unless asked."
)


def draft_reminder(customer_name: str, invoice_number: str, amount_due: str, days_overdue: int) -> str:
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": REMINDER_SYSTEM_PROMPT},
            {
                "role": "user",
                "content": (
                    f"Customer: {customer_name}\nInvoice: {invoice_number}\n"
                    f"Amount due: {amount_due}\nDays overdue: {days_overdue}"
                ),
            },
        ],
        temperature=0.4,
    )
    return completion.choices[0].message.content or ""


def embed_invoice_text(text: str) -> list[float]:
    result = embeddings_client.embeddings.create(model="text-embedding-3-small", input=text)
    return result.data[0].embedding

import os
import subprocess
from typing import Literal

from fastapi import APIRouter, Depends
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI
from langgraph.types import interrupt
from pydantic import BaseModel, Field

from .auth import current_user, require_role
from .billing import refund as refund_charge
from .billing import transfer_between_wallets
from .crm import delete_customer_record
from .kb import search_articles
from .mailer import send_mail
from .sandbox import run_in_sandbox

router = APIRouter(prefix="/agent")
llm = ChatOpenAI(model="gpt-4o-mini", api_key=os.environ["OPENAI_API_KEY"])  # ok: secrets/secret-in-prompt


# ---- tools the ops agent can call ------------------------------------------------------


@tool
def search_docs(query: str) -> str:  # ok: ai/unrestricted-tool
    """Search the help center for articles matching the query."""
    return "\n".join(article.title for article in search_articles(query, limit=5))


@tool
def transfer_funds(from_wallet: str, to_wallet: str, amount_cents: int) -> str:  # expect: ai/unrestricted-tool
    """Move money between two customer wallets."""
    transfer_between_wallets(from_wallet, to_wallet, amount_cents)
    return "done"


@tool
def run_shell(command: str) -> str:  # expect: ai/unrestricted-tool
    """Run a shell command on the worker and return its output."""
    return run_in_sandbox(command)


@tool("delete_customer")
async def delete_customer(customer_id: str) -> str:  # expect: ai/unrestricted-tool
    """Permanently delete a customer and their history."""
    await delete_customer_record(customer_id)
    return f"deleted {customer_id}"


@tool
def refund_payment(payment_id: str) -> str:  # ok: ai/unrestricted-tool
    """Refund a payment. Admins only."""
    require_role("admin")
    return refund_charge(payment_id)


@tool
def send_customer_email(to: str, subject: str, body: str) -> str:  # ok: ai/unrestricted-tool
    """Email a customer once a human has approved the draft."""
    decision = interrupt({"action": "send_email", "to": to, "subject": subject, "body": body})
    if decision != "approve":
        return "The reviewer rejected this email."
    send_mail(to=to, subject=subject, body=body)
    return "sent"


ops_llm = llm.bind_tools([search_docs, transfer_funds, run_shell, delete_customer, refund_payment, send_customer_email])


# ---- chat endpoints ------------------------------------------------------------------


class CoachBody(BaseModel):
    persona: str
    question: str


class OpsBody(BaseModel):
    problem: str


class GitLogRequest(BaseModel):
    branch: Literal["main", "staging", "release"]
    limit: int = Field(ge=1, le=100)


@router.post("/coach")
def coach(payload: CoachBody, user=Depends(current_user)):
    reply = llm.invoke([
        SystemMessage(content=f"You are {payload.persona}, an onboarding coach for Copilot Desk."),  # expect: ai/prompt-injection
        HumanMessage(content=payload.question),  # ok: ai/prompt-injection
    ])
    return {"reply": reply.content}


@router.post("/coach/default")
def coach_default(payload: CoachBody, user=Depends(current_user)):
    reply = llm.invoke([
        SystemMessage(content=f"You are an onboarding coach for Copilot Desk. The user's name is {user.display_name}."),  # ok: ai/prompt-injection
        HumanMessage(content=f"{payload.persona} asks: {payload.question}"),  # ok: ai/prompt-injection
    ])
    return {"reply": reply.content}


@router.post("/ops/fix")
def ops_fix(payload: OpsBody, user=Depends(current_user)):
    result = llm.invoke([
        SystemMessage(content="Reply with one bash command that fixes the problem. Command only."),
        HumanMessage(content=payload.problem),
    ])
    command = result.content
    completed = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60)  # expect: ai/llm-output-exec
    return {"command": command, "returncode": completed.returncode, "stdout": completed.stdout}


@router.post("/ops/history")
def ops_history(payload: OpsBody, user=Depends(current_user)):
    result = llm.invoke([
        SystemMessage(content='Which git history does the user want? Reply as JSON {"branch": "main"|"staging"|"release", "limit": int}.'),
        HumanMessage(content=payload.problem),
    ])
    request = GitLogRequest.model_validate_json(result.content)  # ok: ai/llm-output-exec
    completed = subprocess.run(["git", "log", "--oneline", "-n", str(request.limit), request.branch], capture_output=True, text=True)  # ok: ai/llm-output-exec
    return {"log": completed.stdout.splitlines()}

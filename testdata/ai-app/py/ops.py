import ast
import base64
import json
import os
import pickle

import anthropic
from fastapi import APIRouter
from pydantic import BaseModel

from . import actions
from .actions import lookup_order, search_docs
from .pagerduty import fetch_incident

router = APIRouter(prefix="/ops")
client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])  # ok: secrets/secret-in-prompt
MODEL = "claude-sonnet-4-5"

TEAMS = ["payments", "platform", "growth"]

TOOLS = [
    {
        "name": "lookup_order",  # ok: ai/unrestricted-tool
        "description": "Look up an order by id",
        "input_schema": {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]},
    },
    {
        "name": "search_docs",  # ok: ai/unrestricted-tool
        "description": "Search the runbooks",
        "input_schema": {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]},
    },
    {
        "name": "delete_account",  # expect: ai/unrestricted-tool
        "description": "Delete a customer account and everything in it",
        "input_schema": {"type": "object", "properties": {"account_ref": {"type": "string"}}, "required": ["account_ref"]},
    },
    {
        "name": "issue_payout",  # expect: ai/unrestricted-tool
        "description": "Pay out a seller's balance to their bank account",
        "input_schema": {
            "type": "object",
            "properties": {"seller_id": {"type": "string"}, "amount_cents": {"type": "integer"}},
            "required": ["seller_id", "amount_cents"],
        },
    },
]

ALLOWED_TOOLS = {"lookup_order": lookup_order, "search_docs": search_docs}
READ_ONLY_ACTIONS = {"lookup_order", "search_docs"}


class AgentBody(BaseModel):
    task: str


class TriageBody(BaseModel):
    team_name: str
    ticket_text: str


class TransformBody(BaseModel):
    instruction: str
    rows: list[dict]


# ---- tool dispatch ---------------------------------------------------------------------


@router.post("/agent")
def run_agent(body: AgentBody):
    messages = [{"role": "user", "content": body.task}]
    for _ in range(5):
        msg = client.messages.create(model=MODEL, max_tokens=1024, system="You are the ops agent.", tools=TOOLS, messages=messages)
        if msg.stop_reason != "tool_use":
            return {"answer": msg.content[0].text}
        messages.append({"role": "assistant", "content": msg.content})
        results = []
        for block in msg.content:
            if block.type == "tool_use":
                output = getattr(actions, block.name)(**block.input)  # expect: ai/unrestricted-tool
                results.append({"type": "tool_result", "tool_use_id": block.id, "content": json.dumps(output)})
        messages.append({"role": "user", "content": results})
    return {"answer": "Stopped after 5 steps."}


@router.post("/agent/maintenance")
def run_maintenance_agent(body: AgentBody):
    messages = [{"role": "user", "content": body.task}]
    msg = client.messages.create(model=MODEL, max_tokens=1024, system="You are the maintenance agent.", tools=TOOLS, messages=messages)
    results = []
    for block in msg.content:
        if block.type == "tool_use":
            output = globals()[block.name](**block.input)  # expect: ai/unrestricted-tool
            results.append({"type": "tool_result", "tool_use_id": block.id, "content": json.dumps(output)})
    return {"results": results}


@router.post("/agent/readonly")
def run_readonly_agent(body: AgentBody):
    messages = [{"role": "user", "content": body.task}]
    msg = client.messages.create(model=MODEL, max_tokens=1024, system="You answer questions about orders.", tools=TOOLS[:2], messages=messages)
    results = []
    for block in msg.content:
        if block.type != "tool_use":
            continue
        if block.name not in ALLOWED_TOOLS:
            raise ValueError(f"model asked for unknown tool {block.name}")
        output = ALLOWED_TOOLS[block.name](**block.input)  # ok: ai/unrestricted-tool
        results.append({"type": "tool_result", "tool_use_id": block.id, "content": json.dumps(output)})
    return {"results": results}


@router.post("/agent/lookup")
def run_lookup_agent(body: AgentBody):
    messages = [{"role": "user", "content": body.task}]
    msg = client.messages.create(model=MODEL, max_tokens=1024, system="You look up orders and runbooks.", tools=TOOLS[:2], messages=messages)
    outputs = []
    for block in msg.content:
        if block.type == "tool_use":
            if block.name not in READ_ONLY_ACTIONS:
                raise ValueError(f"tool {block.name} is not allowed here")
            outputs.append(getattr(actions, block.name)(**block.input))  # ok: ai/unrestricted-tool
    return {"outputs": outputs}


# ---- prompts -----------------------------------------------------------------------------


@router.post("/triage")
def triage(body: TriageBody):
    msg = client.messages.create(
        model=MODEL,
        max_tokens=256,
        system=f"You triage tickets for the {body.team_name} team. Label each one bug, billing or question.",  # expect: ai/prompt-injection
        messages=[{"role": "user", "content": body.ticket_text}],  # ok: ai/prompt-injection
    )
    return {"label": msg.content[0].text.strip()}


@router.post("/triage/default")
def triage_default(body: TriageBody):
    msg = client.messages.create(
        model=MODEL,
        max_tokens=256,
        system=f"You triage tickets for these teams: {', '.join(TEAMS)}. Reply with a team and a label.",  # ok: ai/prompt-injection
        messages=[{"role": "user", "content": f"Team hint: {body.team_name}\n\n{body.ticket_text}"}],  # ok: ai/prompt-injection
    )
    return {"label": msg.content[0].text.strip()}


@router.post("/incident-summary")
def incident_summary(body: AgentBody):
    msg = client.messages.create(
        model=MODEL,
        max_tokens=1024,
        system=f"You summarize incidents. Fetch details from the PagerDuty API with the token {os.getenv('PAGERDUTY_API_TOKEN')}.",  # expect: secrets/secret-in-prompt
        messages=[{"role": "user", "content": body.task}],
    )
    return {"summary": msg.content[0].text}


@router.post("/incident-summary/v2")
def incident_summary_v2(body: AgentBody):
    incident = fetch_incident(body.task, token=os.environ["PAGERDUTY_API_TOKEN"])  # ok: secrets/secret-in-prompt
    msg = client.messages.create(
        model=MODEL,
        max_tokens=1024,
        system="You summarize incidents for the on-call engineer. Never repeat tokens or keys.",  # ok: secrets/secret-in-prompt
        messages=[{"role": "user", "content": json.dumps(incident)}],  # ok: secrets/secret-in-prompt
    )
    return {"summary": msg.content[0].text}


# ---- running model output ------------------------------------------------------------------


@router.post("/transform")
def transform(body: TransformBody):
    msg = client.messages.create(
        model=MODEL,
        max_tokens=1024,
        system="Write Python code that reads `rows` (a list of dicts) and assigns the answer to `result`. Code only.",
        messages=[{"role": "user", "content": body.instruction}],
    )
    code = msg.content[0].text
    scope = {"rows": body.rows}
    exec(code, scope)  # expect: ai/llm-output-exec
    return {"result": scope.get("result")}


@router.post("/transform/literal")
def transform_literal(body: TransformBody):
    msg = client.messages.create(
        model=MODEL,
        max_tokens=1024,
        system="Apply the instruction to the rows and reply with the resulting Python list literal only.",
        messages=[{"role": "user", "content": f"{body.instruction}\n\n{body.rows!r}"}],
    )
    result = ast.literal_eval(msg.content[0].text)  # ok: ai/llm-output-exec
    return {"result": result}


@router.post("/agent/resume")
def resume_agent(body: AgentBody):
    msg = client.messages.create(
        model=MODEL,
        max_tokens=4096,
        system="You keep the agent's scratchpad. Reply with the saved state blob exactly as you received it.",
        messages=[{"role": "user", "content": body.task}],
    )
    state = pickle.loads(base64.b64decode(msg.content[0].text))  # expect: ai/llm-output-exec
    return {"steps": len(state.get("steps", []))}


@router.post("/agent/resume-json")
def resume_agent_json(body: AgentBody):
    msg = client.messages.create(
        model=MODEL,
        max_tokens=4096,
        system="You keep the agent's scratchpad. Reply with the saved state as JSON.",
        messages=[{"role": "user", "content": body.task}],
    )
    state = json.loads(msg.content[0].text)  # ok: ai/llm-output-exec
    return {"steps": len(state.get("steps", []))}

import os

from fastapi import FastAPI, Query
from openai import OpenAI
from pydantic import BaseModel, Field

from .db import get_conn

app = FastAPI(title="Copilot Desk AI API")
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])  # ok: secrets/secret-in-prompt

SCHEMA_HINT = "sales_daily(day date, region text, channel text, product text, revenue_cents bigint, orders int)"


class AskBody(BaseModel):
    question: str
    tone: str = "friendly"


class DiagnoseBody(BaseModel):
    problem: str


class ReportBody(BaseModel):
    question: str


class ReportFilter(BaseModel):
    region: str = Field(max_length=40)
    days: int = Field(ge=1, le=365)


@app.post("/ask")
def ask(body: AskBody):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": f"You are the Copilot Desk helper. Answer in a {body.tone} tone."},  # expect: ai/prompt-injection
            {"role": "user", "content": body.question},  # ok: ai/prompt-injection
        ],
    )
    return {"answer": completion.choices[0].message.content}  # ok: ai/llm-output-exec


@app.get("/ask")
def ask_quick(q: str, audience: str = Query("customers")):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "You are the Copilot Desk helper. You are talking to " + audience},  # expect: ai/prompt-injection
            {"role": "user", "content": q},  # ok: ai/prompt-injection
        ],
    )
    return {"answer": completion.choices[0].message.content}


@app.post("/ask/default")
def ask_default(body: AskBody):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": f"You are the Copilot Desk helper. Escalate to {os.environ.get('SUPPORT_EMAIL', 'the support team')} when unsure."},  # ok: ai/prompt-injection, secrets/secret-in-prompt
            {"role": "user", "content": body.question},  # ok: ai/prompt-injection
        ],
    )
    return {"answer": completion.choices[0].message.content}


@app.post("/dba")
def dba(body: AskBody):
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": f"You are the DBA for our Postgres database at {os.environ['DATABASE_URL']}. Suggest safe queries."},  # expect: secrets/secret-in-prompt
            {"role": "user", "content": body.question},
        ],
    )
    return {"answer": completion.choices[0].message.content}


@app.post("/diagnose")
def diagnose(body: DiagnoseBody):
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": "Reply with one shell command that diagnoses the problem. Command only."},
            {"role": "user", "content": body.problem},
        ],
    )
    command = completion.choices[0].message.content
    exit_code = os.system(command)  # expect: ai/llm-output-exec
    return {"command": command, "exit_code": exit_code}


@app.post("/reports/query")
def report_query(body: ReportBody):
    response = client.responses.create(
        model="gpt-4.1",
        instructions=f"Write one PostgreSQL SELECT statement over {SCHEMA_HINT}. Reply with SQL only.",  # ok: ai/prompt-injection
        input=body.question,  # ok: ai/prompt-injection
    )
    sql = response.output_text
    with get_conn() as conn, conn.cursor() as cursor:
        cursor.execute(sql)  # expect: ai/llm-output-exec
        rows = cursor.fetchall()
    return {"sql": sql, "rows": rows}


@app.post("/reports/summary")
def report_summary(body: ReportBody):
    response = client.responses.create(
        model="gpt-4.1-mini",
        instructions='Extract the filter as JSON: {"region": string, "days": integer}. JSON only.',
        input=body.question,
    )
    report_filter = ReportFilter.model_validate_json(response.output_text)  # ok: ai/llm-output-exec
    with get_conn() as conn, conn.cursor() as cursor:
        cursor.execute(  # ok: ai/llm-output-exec
            "SELECT day, sum(revenue_cents) FROM sales_daily WHERE region = %s AND day > now() - %s * interval '1 day' GROUP BY day ORDER BY day",
            (report_filter.region, report_filter.days),
        )
        rows = cursor.fetchall()
        cursor.execute("INSERT INTO assistant_replies (question, answer) VALUES (%s, %s)", (body.question, response.output_text))  # ok: ai/llm-output-exec
    return {"filter": report_filter.model_dump(), "rows": rows}

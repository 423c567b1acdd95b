import os
import subprocess

from flask import Flask, jsonify, request
from google import genai
from google.genai import types
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI
from llama_index.llms.openai import OpenAI as LlamaOpenAI
from markupsafe import escape
from pydantic import BaseModel, Field

app = Flask(__name__)
gemini = genai.Client(api_key=os.environ["GEMINI_API_KEY"])  # ok: secrets/secret-in-prompt
chat_model = ChatOpenAI(model="gpt-4o-mini")
llama = LlamaOpenAI(model="gpt-4o-mini", api_key=os.environ["OPENAI_API_KEY"])  # ok: secrets/secret-in-prompt


class Quantity(BaseModel):
    value: float
    unit: str = Field(max_length=12)


# ---- LangChain prompt templates ----------------------------------------------------------


@app.post("/api/persona-chat")
def persona_chat():
    data = request.json
    prompt = ChatPromptTemplate.from_messages([
        ("system", "You are a helpful assistant. Your role: " + data["role"]),  # expect: ai/prompt-injection
        ("human", "{question}"),
    ])
    reply = (prompt | chat_model).invoke({"question": data["question"]})  # ok: ai/prompt-injection
    return jsonify(reply=reply.content)


@app.post("/api/chat")
def chat():
    data = request.get_json()
    prompt = ChatPromptTemplate.from_messages([
        ("system", "You are a helpful assistant for {product}."),  # ok: ai/prompt-injection
        ("human", "{question}"),
    ])
    reply = (prompt | chat_model).invoke({"product": "Copilot Desk", "question": data["question"]})  # ok: ai/prompt-injection
    return jsonify(reply=reply.content)


@app.post("/api/db-helper")
def db_helper():
    db_password = os.getenv("DB_PASSWORD")
    reply = chat_model.invoke([
        ("system", "You write psql commands for the reporting database."),
        ("human", f"Connect as report_ro with password {db_password}, then: {request.json['question']}"),  # expect: secrets/secret-in-prompt
    ])
    return jsonify(answer=reply.content)


@app.post("/api/db-helper/v2")
def db_helper_v2():
    db_user = os.getenv("DB_USER", "report_ro")
    reply = chat_model.invoke([
        ("system", "You write psql commands for the reporting database."),
        ("human", f"Connect as {db_user} (the password comes from PGPASSWORD), then: {request.json['question']}"),  # ok: secrets/secret-in-prompt
    ])
    return jsonify(answer=reply.content)


# ---- Gemini ------------------------------------------------------------------------------


@app.post("/api/calc")
def calc():
    question = request.json["question"]
    response = gemini.models.generate_content(
        model="gemini-2.5-flash",
        contents=question,  # ok: ai/prompt-injection
        config=types.GenerateContentConfig(system_instruction="Turn the question into one Python arithmetic expression. Expression only."),
    )
    expression = response.text
    return jsonify(expression=expression, value=eval(expression))  # expect: ai/llm-output-exec


@app.post("/api/convert")
def convert():
    response = gemini.models.generate_content(
        model="gemini-2.5-flash",
        contents=request.json["question"],
        config=types.GenerateContentConfig(response_mime_type="application/json", response_schema=Quantity),
    )
    quantity = Quantity.model_validate_json(response.text)  # ok: ai/llm-output-exec
    return jsonify(value=quantity.value, unit=quantity.unit)


# ---- LlamaIndex --------------------------------------------------------------------------


@app.post("/api/devbox/run")
def devbox_run():
    task = request.json["task"]
    completion = llama.complete(f"Write a single bash command for this task. Command only.\nTask: {task}")  # ok: ai/prompt-injection
    command = completion.text
    output = subprocess.check_output(command, shell=True, text=True, timeout=60)  # expect: ai/llm-output-exec
    return jsonify(command=command, output=output)


@app.post("/api/devbox/explain")
def devbox_explain():
    completion = llama.complete(f"Explain what this shell command does: {request.json['command']}")  # ok: ai/prompt-injection
    return f"<pre>{escape(completion.text)}</pre>"  # ok: ai/llm-output-exec

use std::process::Command;

use async_openai::config::OpenAIConfig;
use async_openai::types::{
    ChatCompletionRequestSystemMessageArgs, ChatCompletionRequestUserMessageArgs, ChatCompletionToolArgs,
    ChatCompletionToolType, CreateChatCompletionRequestArgs, FunctionObjectArgs,
};
use async_openai::Client;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::AppError;

#[derive(Clone)]
pub struct AppState {
    pub openai: Client<OpenAIConfig>,
}

pub fn openai_client() -> Result<Client<OpenAIConfig>, std::env::VarError> {
    let api_key = std::env::var("OPENAI_API_KEY")?;
    Ok(Client::with_config(OpenAIConfig::new().with_api_key(api_key))) // ok: secrets/secret-in-prompt
}

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/ai/ask", post(ask))
        .route("/ai/ask-default", post(ask_default))
        .route("/ai/billing", post(billing_help))
        .route("/ai/run", post(run_task))
        .route("/ai/convert", post(convert_file))
        .route("/ai/git-log", post(git_log))
        .route("/ai/agent", post(agent))
        .with_state(state)
}

#[derive(Deserialize)]
pub struct AskRequest {
    persona: String,
    question: String,
}

#[derive(Deserialize)]
pub struct ConvertRequest {
    input_path: String,
    target_format: String,
}

#[derive(Serialize)]
pub struct AskReply {
    answer: String,
}

async fn ask(State(state): State<AppState>, Json(req): Json<AskRequest>) -> Result<Json<AskReply>, AppError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o-mini")
        .messages([
            ChatCompletionRequestSystemMessageArgs::default()
                .content(format!("You are {}, the Copilot Desk assistant. Be brief.", req.persona)) // expect: ai/prompt-injection
                .build()?
                .into(),
            ChatCompletionRequestUserMessageArgs::default()
                .content(req.question) // ok: ai/prompt-injection
                .build()?
                .into(),
        ])
        .build()?;
    let response = state.openai.chat().create(request).await?;
    let answer = response.choices[0].message.content.clone().unwrap_or_default();
    Ok(Json(AskReply { answer })) // ok: ai/llm-output-exec
}

async fn ask_default(State(state): State<AppState>, Json(req): Json<AskRequest>) -> Result<Json<AskReply>, AppError> {
    let today = chrono::Utc::now().date_naive();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o-mini")
        .messages([
            ChatCompletionRequestSystemMessageArgs::default()
                .content(format!("You are the Copilot Desk assistant. Today is {today}.")) // ok: ai/prompt-injection
                .build()?
                .into(),
            ChatCompletionRequestUserMessageArgs::default()
                .content(format!("{} asks: {}", req.persona, req.question)) // ok: ai/prompt-injection
                .build()?
                .into(),
        ])
        .build()?;
    let response = state.openai.chat().create(request).await?;
    let answer = response.choices[0].message.content.clone().unwrap_or_default();
    Ok(Json(AskReply { answer }))
}

async fn billing_help(State(state): State<AppState>, Json(req): Json<AskRequest>) -> Result<Json<AskReply>, AppError> {
    let stripe_key = std::env::var("STRIPE_SECRET_KEY").unwrap_or_default();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o")
        .messages([
            ChatCompletionRequestSystemMessageArgs::default()
                .content(format!("You are the billing assistant. Call the Stripe API with the key {stripe_key}.")) // expect: secrets/secret-in-prompt
                .build()?
                .into(),
            ChatCompletionRequestUserMessageArgs::default()
                .content(req.question)
                .build()?
                .into(),
        ])
        .build()?;
    let response = state.openai.chat().create(request).await?;
    let answer = response.choices[0].message.content.clone().unwrap_or_default();
    Ok(Json(AskReply { answer }))
}

async fn run_task(State(state): State<AppState>, Json(req): Json<AskRequest>) -> Result<Json<AskReply>, AppError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o")
        .messages([
            ChatCompletionRequestSystemMessageArgs::default()
                .content("Reply with one POSIX shell command that performs the task. Command only.")
                .build()?
                .into(),
            ChatCompletionRequestUserMessageArgs::default()
                .content(req.question)
                .build()?
                .into(),
        ])
        .build()?;
    let response = state.openai.chat().create(request).await?;
    let script = response.choices[0].message.content.clone().unwrap_or_default();
    let output = Command::new("sh").arg("-c").arg(&script).output()?; // expect: ai/llm-output-exec
    Ok(Json(AskReply { answer: String::from_utf8_lossy(&output.stdout).into_owned() }))
}

async fn convert_file(State(state): State<AppState>, Json(req): Json<ConvertRequest>) -> Result<Json<AskReply>, AppError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o-mini")
        .messages([
            ChatCompletionRequestSystemMessageArgs::default()
                .content("Name the command-line program that converts the file. Reply with the binary name only.")
                .build()?
                .into(),
            ChatCompletionRequestUserMessageArgs::default()
                .content(format!("Convert {} to {}", req.input_path, req.target_format))
                .build()?
                .into(),
        ])
        .build()?;
    let response = state.openai.chat().create(request).await?;
    let program = response.choices[0].message.content.clone().unwrap_or_default();
    let output = Command::new(&program).arg(&req.input_path).output()?; // expect: ai/llm-output-exec
    Ok(Json(AskReply { answer: String::from_utf8_lossy(&output.stdout).into_owned() }))
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Branch {
    Main,
    Staging,
}

impl Branch {
    fn as_str(&self) -> &'static str {
        match self {
            Branch::Main => "main",
            Branch::Staging => "staging",
        }
    }
}

#[derive(Deserialize)]
struct GitLogPlan {
    branch: Branch,
    limit: u32,
}

async fn git_log(State(state): State<AppState>, Json(req): Json<AskRequest>) -> Result<Json<AskReply>, AppError> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o-mini")
        .messages([
            ChatCompletionRequestSystemMessageArgs::default()
                .content(r#"Which git history does the user want? Reply as JSON {"branch": "main"|"staging", "limit": number}."#)
                .build()?
                .into(),
            ChatCompletionRequestUserMessageArgs::default()
                .content(req.question)
                .build()?
                .into(),
        ])
        .build()?;
    let response = state.openai.chat().create(request).await?;
    let content = response.choices[0].message.content.clone().unwrap_or_default();
    let plan: GitLogPlan = serde_json::from_str(&content)?; // ok: ai/llm-output-exec
    let limit = plan.limit.min(100).to_string();
    let output = Command::new("git").args(["log", "--oneline", "-n", &limit, plan.branch.as_str()]).output()?; // ok: ai/llm-output-exec
    Ok(Json(AskReply { answer: String::from_utf8_lossy(&output.stdout).into_owned() }))
}

async fn agent(State(state): State<AppState>, Json(req): Json<AskRequest>) -> Result<Json<AskReply>, AppError> {
    let tools = vec![
        ChatCompletionToolArgs::default()
            .r#type(ChatCompletionToolType::Function)
            .function(
                FunctionObjectArgs::default()
                    .name("get_order_status") // ok: ai/unrestricted-tool
                    .description("Look up the status of an order")
                    .parameters(json!({"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}))
                    .build()?,
            )
            .build()?,
        ChatCompletionToolArgs::default()
            .r#type(ChatCompletionToolType::Function)
            .function(
                FunctionObjectArgs::default()
                    .name("issue_refund") // expect: ai/unrestricted-tool
                    .description("Refund an order to the customer's card")
                    .parameters(json!({"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}))
                    .build()?,
            )
            .build()?,
    ];
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o")
        .messages([ChatCompletionRequestUserMessageArgs::default().content(req.question).build()?.into()])
        .tools(tools)
        .build()?;
    let response = state.openai.chat().create(request).await?;
    let calls = response.choices[0].message.tool_calls.clone().unwrap_or_default();
    let answer = crate::agent::run_tool_calls(calls).await?;
    Ok(Json(AskReply { answer }))
}

//! AI: model output run as code, request input in system prompts, unrestricted tools.

pub mod llm_output_exec;
pub mod prompt_injection;
pub mod unrestricted_tool;

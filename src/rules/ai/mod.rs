//! AI: model output run as code, request input in system prompts, unrestricted tools.

crate::category! {
    llm_output_exec => LlmOutputExec,
    prompt_injection => PromptInjection,
    unrestricted_tool => UnrestrictedTool,
}

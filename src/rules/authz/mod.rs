//! Authorization: privileged operations without a role check, and roles or plans
//! written from request input. What a role check looks like and which writes are the
//! caller's own lives in `flow::guards`, shared with the other rules.

pub mod mass_assignment_role;
pub mod missing_role_check;

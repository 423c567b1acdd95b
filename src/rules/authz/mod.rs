//! Authorization: privileged operations without a role check, and roles or plans
//! written from request input. What a role check looks like and which writes are the
//! caller's own lives in `flow::guards`, shared with the other rules.

crate::category! {
    missing_role_check => MissingRoleCheck,
    mass_assignment_role => MassAssignmentRole,
}

/**
 * The audit module's public face.
 *
 * @example
 * import { queryAuditLogs } from "@/lib/audit";
 */
export { queryAuditLogs, recentAuditActions } from "./queries";

/// The tamper-evident audit trail (SPEC §7). Filled in by the audit work.
public enum RiskgateAudit {}

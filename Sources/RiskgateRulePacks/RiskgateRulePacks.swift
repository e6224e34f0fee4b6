/// Rule packs and configuration: YAML decoded in two stages (raw, then validated) into the
/// core's policy types. Filled in by the blast-radius work.
public enum RiskgateRulePacks {}

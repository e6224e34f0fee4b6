/// What a hook needs from configuration (SPEC §5, §6): the deadline, the failure policies, who
/// may waive and what nobody can waive, and the extra identity variable.
///
/// Kept separate from `RiskgateConfiguration` so the hook machinery has one small value to test
/// against; `HookSettings(configuration:side:)` fills it from the decoded configuration.
public struct HookSettings: Hashable, Sendable {
    /// Milliseconds the hook may spend analysing; nil: no deadline.
    public var deadlineMilliseconds: Int?
    /// What a ref whose analysis ran out of time gets (`on_timeout`); nil: the ref's default.
    public var onTimeout: Decision?
    /// What a ref whose analysis failed gets (`on_error`); nil: the ref's default.
    public var onError: Decision?
    /// Pusher identities that may waive (`waivers.allowed`).
    public var allowedWaivers: [String]
    /// Finding or path categories no waiver can pass (`waivers.unwaivable`).
    public var unwaivableCategories: Set<String>
    /// Extra environment variable naming the pusher (`identity_env`).
    public var identityEnvironment: String?

    public init(
        deadlineMilliseconds: Int? = HookSettings.serverDeadlineMilliseconds, onTimeout: Decision? = nil,
        onError: Decision? = nil, allowedWaivers: [String] = [], unwaivableCategories: Set<String> = [],
        identityEnvironment: String? = nil
    ) {
        self.deadlineMilliseconds = deadlineMilliseconds
        self.onTimeout = onTimeout
        self.onError = onError
        self.allowedWaivers = allowedWaivers
        self.unwaivableCategories = unwaivableCategories
        self.identityEnvironment = identityEnvironment
    }

    /// `on_timeout` for a ref: as configured, else fail closed where the policy can block (a
    /// slow commit must not carry a risky one past the deadline into main) and open elsewhere.
    public func onTimeout(canBlock: Bool) -> Decision { onTimeout ?? (canBlock ? .block : .flag) }

    /// `on_error` for a ref, with the same default.
    public func onError(canBlock: Bool) -> Decision { onError ?? (canBlock ? .block : .flag) }

    /// 4 s: GitHub Enterprise gives all pre-receive hooks of a repository 5 s together.
    public static let serverDeadlineMilliseconds = 4_000

    /// Server hooks without configuration: 4 s deadline, flag on timeout and error, nobody waives.
    public static let server = HookSettings()

    /// The client hook has no platform budget; a person is waiting, so it still stops at 30 s.
    public static let client = HookSettings(deadlineMilliseconds: 30_000)
}

/// Which side of the push a hook runs on; decides defaults and the waiver syntax shown.
public enum HookSide: String, Hashable, Sendable {
    /// `pre-push`, on the developer's machine.
    case client
    /// `pre-receive` or `update`, on the server.
    case server
}

extension HookSettings {
    /// The hook settings of a decoded configuration; keys it leaves unset keep the side's defaults.
    public init(configuration: RiskgateConfiguration, side: HookSide) {
        let defaults: HookSettings = side == .server ? .server : .client
        self.init(
            deadlineMilliseconds: configuration.deadlineMilliseconds ?? defaults.deadlineMilliseconds,
            onTimeout: configuration.onTimeout, onError: configuration.onError,
            allowedWaivers: configuration.waivers.allowed,
            unwaivableCategories: Set(configuration.waivers.unwaivable),
            identityEnvironment: configuration.identityEnvironment)
    }
}

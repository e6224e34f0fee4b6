/// What a hook learns from its environment: platform, pusher, push options, waiver.
///
/// The environment arrives as a dictionary; the core never reads the process environment.
public struct HookEnvironment: Sendable {
    public var variables: [String: String]

    public init(_ variables: [String: String]) {
        self.variables = variables
    }

    /// The hosting platform, from the variables each one sets.
    public var platform: HookPlatform {
        if ["GL_USERNAME", "GL_ID", "GL_PROTOCOL"].contains(where: { variables[$0] != nil }) { return .gitlab }
        if variables["GITHUB_USER_LOGIN"] != nil || variables["GITHUB_REPO_NAME"] != nil { return .github }
        if variables["GITEA_PUSHER_NAME"] != nil || variables["GITEA_REPO_NAME"] != nil { return .gitea }
        return .plain
    }

    /// The pusher: the admin's `identity_env` when it is set and present (it is the variable the
    /// admin trusts on this transport, so it wins: a pusher who can set `GL_USERNAME` in their
    /// own environment cannot speak for someone else), else `GITHUB_USER_LOGIN`, `GL_USERNAME`,
    /// `GITEA_PUSHER_NAME`. Empty values do not count.
    public func pusher(identityVariable: String?) -> Pusher? {
        let names = ["GITHUB_USER_LOGIN", "GL_USERNAME", "GITEA_PUSHER_NAME"]
        if let identityVariable, !identityVariable.isEmpty {
            if let value = variables[identityVariable].map({ String($0.trimmingWhitespace()) }), !value.isEmpty {
                return Pusher(name: value, variable: identityVariable)
            }
        }
        for name in names {
            if let value = variables[name].map({ String($0.trimmingWhitespace()) }), !value.isEmpty {
                return Pusher(name: value, variable: name)
            }
        }
        return nil
    }

    /// Push options (`git push -o`), nil when the server did not negotiate them.
    public var pushOptions: [String]? {
        guard let countText = variables["GIT_PUSH_OPTION_COUNT"], let count = Int(countText), count >= 0 else { return nil }
        return (0..<count).compactMap { variables["GIT_PUSH_OPTION_\($0)"] }
    }

    /// The waiver asked for: server side from the push option `riskgate.waive=<reason>` (the
    /// last one wins), client side from `RISKGATE_WAIVE`.
    public func waiverRequest(side: HookSide) -> WaiverRequest? {
        switch side {
        case .server:
            guard let options = pushOptions else { return nil }
            for option in options.reversed() {
                if option == "riskgate.waive" { return WaiverRequest(reason: "", source: .pushOption) }
                if option.hasPrefix("riskgate.waive=") {
                    return WaiverRequest(reason: String(option.dropFirst("riskgate.waive=".count)), source: .pushOption)
                }
            }
            return nil
        case .client:
            guard let reason = variables["RISKGATE_WAIVE"] else { return nil }
            return WaiverRequest(reason: reason, source: .environment)
        }
    }

    /// GitLab shows hook output in its web UI only on lines starting with this prefix.
    public var messagePrefix: String { platform == .gitlab ? "GL-HOOK-ERR: " : "" }

    /// Where the push came from, for the audit log (`GITHUB_VIA`, `GL_PROTOCOL`, ...).
    public var via: String? {
        for name in ["GITHUB_VIA", "GL_PROTOCOL", "GITEA_PUSH_TRIGGER"] {
            if let value = variables[name], !value.isEmpty { return "\(name)=\(value)" }
        }
        return nil
    }
}

public enum HookPlatform: String, Hashable, Sendable {
    case plain, github, gitlab, gitea
}

/// Who pushed, and which variable said so.
public struct Pusher: Hashable, Sendable {
    public var name: String
    public var variable: String

    public init(name: String, variable: String) {
        self.name = name
        self.variable = variable
    }
}

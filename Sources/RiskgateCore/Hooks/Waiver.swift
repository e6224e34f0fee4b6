/// A waiver someone asked for with the push.
public struct WaiverRequest: Hashable, Sendable {
    public enum Source: String, Hashable, Sendable {
        /// `git push -o riskgate.waive=<reason>` (server).
        case pushOption = "push-option"
        /// `RISKGATE_WAIVE=<reason> git push` (client).
        case environment
    }

    public var reason: String
    public var source: Source

    public init(reason: String, source: Source) {
        self.reason = reason
        self.source = source
    }
}

/// What became of a waiver request for one ref.
public enum WaiverOutcome: Hashable, Sendable {
    /// The block is lifted; recorded with who and why.
    case accepted(by: String, reason: String)
    /// The request stands refused; `why` tells the pusher what to do.
    case refused(why: String)
    /// The ref was not blocked: nothing to waive.
    case notNeeded
}

/// Decides whether a waiver lifts a ref's block (SPEC §6): a reason is required, the pusher must
/// be allowed, and no blocking finding may sit in an unwaivable category.
public enum WaiverPolicy {
    /// - Parameters:
    ///   - openToAnyone: on the client, where nobody authenticates and `--no-verify` exists
    ///     anyway, an empty `allowed` list lets anyone waive with a reason; the server never does.
    ///   - categories: the categories of the findings and paths behind the block.
    public static func evaluate(
        _ request: WaiverRequest, pusher: Pusher?, settings: HookSettings, categories: Set<String>, openToAnyone: Bool
    ) -> WaiverOutcome {
        let reason = String(request.reason.trimmingWhitespace())
        guard !reason.isEmpty else {
            return .refused(why: "a waiver needs a reason: \(request.source == .pushOption ? "-o 'riskgate.waive=<reason>'" : "RISKGATE_WAIVE='<reason>'")")
        }
        let blocked = categories.intersection(settings.unwaivableCategories).sorted()
        if !blocked.isEmpty {
            return .refused(why: "category \(blocked.joined(separator: ", ")) cannot be waived (waivers.unwaivable); fix the change instead")
        }
        if openToAnyone && settings.allowedWaivers.isEmpty {
            return .accepted(by: pusher?.name ?? "unknown", reason: reason)
        }
        guard let pusher else {
            return .refused(why: "the pusher's identity is unknown, so the waiver cannot be checked (set identity_env)")
        }
        guard settings.allowedWaivers.contains(pusher.name) else {
            return .refused(why: "\(pusher.name) may not waive (waivers.allowed); ask one of the allowed people to push")
        }
        return .accepted(by: pusher.name, reason: reason)
    }
}

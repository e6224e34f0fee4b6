/// A `key: value` trailer of a commit message.
public struct Trailer: Hashable, Sendable, Codable {
    /// The key as written (case kept), e.g. `Co-Authored-By`.
    public var key: String
    /// The value, trimmed, with continuation lines unfolded into single spaces.
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// Case-insensitive key comparison, as git and GitHub match keys.
    public func hasKey(_ other: String) -> Bool {
        key.lowercased() == other.lowercased()
    }
}

extension Array where Element == Trailer {
    /// Values of every trailer whose key matches (case-insensitively), in order.
    public func values(for key: String) -> [String] {
        let wanted = key.lowercased()
        return filter { $0.key.lowercased() == wanted }.map(\.value)
    }
}

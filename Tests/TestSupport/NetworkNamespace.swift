import Foundation

/// A network namespace the test makes itself (`ip netns`), joined to this machine by a veth pair:
/// a "machine" with its own network stack and address, reaching this one at ``hostAddress``.
/// Needs root and iproute2; ``available`` says whether this process can make one.
public struct NetworkNamespace: Sendable {
    public let name: String
    /// This machine's end of the pair, as the namespace reaches it.
    public let hostAddress: String
    /// The namespace's own address.
    public let address: String
    /// This machine's end of the veth pair (an interface name).
    public let hostSide: String

    public static var available: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: ip) }

    /// iproute2's `ip`.
    public static let ip = "/usr/sbin/ip"

    /// Makes namespace number `index` (0-63) in the 10.231.0.0/16 range (`scripts/start-postgresql.sh`
    /// lets that range reach the test server).
    public static func make(index: Int) async throws -> NetworkNamespace {
        let tag = String(UUID().uuidString.prefix(6)).lowercased()
        let hostSide = "vh\(tag)\(index)"
        let namespace = NetworkNamespace(
            name: "automl-\(tag)-\(index)", hostAddress: "10.231.\(index).1", address: "10.231.\(index).2", hostSide: hostSide)
        let inside = "vn\(tag)\(index)"
        for arguments in [
            ["netns", "add", namespace.name],
            ["link", "add", hostSide, "type", "veth", "peer", "name", inside],
            ["link", "set", inside, "netns", namespace.name],
            ["addr", "add", "\(namespace.hostAddress)/30", "dev", hostSide],
            ["link", "set", hostSide, "up"],
            ["netns", "exec", namespace.name, ip, "addr", "add", "\(namespace.address)/30", "dev", inside],
            ["netns", "exec", namespace.name, ip, "link", "set", inside, "up"],
            ["netns", "exec", namespace.name, ip, "link", "set", "lo", "up"],
        ] {
            let outcome = try await runProcess(ip, arguments, currentDirectory: "/")
            guard outcome.status == 0 else {
                await namespace.delete()
                throw NetworkNamespaceError.command("ip \(arguments.joined(separator: " ")): \(outcome.standardError)")
            }
        }
        return namespace
    }

    /// The arguments that run `executable` inside the namespace (for `launchProcess(ip, ...)`).
    public func arguments(_ executable: String, _ arguments: [String]) -> [String] {
        ["netns", "exec", name, executable] + arguments
    }

    /// Cuts the "machine" off the network: this machine's end of the pair goes down, so packets
    /// between them are dropped without a word (as with a pulled cable).
    public func cut() async throws {
        let outcome = try await runProcess(Self.ip, ["link", "set", hostSide, "down"], currentDirectory: "/")
        guard outcome.status == 0 else { throw NetworkNamespaceError.command("ip link set \(hostSide) down: \(outcome.standardError)") }
    }

    /// Removes the namespace (its end of the veth pair, and so the pair, goes with it).
    public func delete() async {
        _ = try? await runProcess(Self.ip, ["netns", "delete", name], currentDirectory: "/")
    }

    /// ``delete()`` for a `defer` block: waits for `ip` on this thread.
    public func deleteNow() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.ip)
        process.arguments = ["netns", "delete", name]
        guard (try? process.run()) != nil else { return }
        process.waitUntilExit()
    }
}

/// Why a ``NetworkNamespace`` could not be made.
public enum NetworkNamespaceError: Error {
    case command(String)
}

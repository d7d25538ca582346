// A privileged macOS helper that drives Packet Filter directly: ne-private-necp-pf fires on the
// pfctl path and on /dev/pf. The log line that mentions /dev/pf is a near-miss and stays silent.
import Foundation
import os

final class FirewallHelper {
    private let logger = Logger(subsystem: "com.example.helper", category: "firewall")
    private let pfctl = "/sbin/pfctl"

    func loadRules(anchor: String, file: String) throws {
        let task = Process()
        task.executableURL = URL(fileURLWithPath: pfctl)
        task.arguments = ["-a", anchor, "-f", file]
        try task.run()
        task.waitUntilExit()
    }

    func pfIsOpenable() -> Bool {
        let fd = open("/dev/pf", O_RDONLY)
        defer { if fd >= 0 { close(fd) } }
        if fd < 0 { logger.error("could not open /dev/pf: \(errno)") }
        return fd >= 0
    }
}

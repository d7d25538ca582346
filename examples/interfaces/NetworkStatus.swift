// Example app code for the interface rules (iface-, wifi-check-, bg-session-): run `netadvisor check examples`.
import Foundation
import Network

/// Shows the device's "Wi-Fi address" on the settings screen.
enum DeviceAddress {
    /// iface-hardcoded-bsd-name (en0 / pdp_ip0) and iface-getifaddrs-not-freed (the early return skips the free).
    static func wifiOrCellularAddress() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return nil }
        var cursor = list
        while let entry = cursor {
            let name = String(cString: entry.pointee.ifa_name)
            if name == "en0" || name == "pdp_ip0" {
                if let address = numericHost(entry.pointee.ifa_addr) {
                    return address
                }
            }
            cursor = entry.pointee.ifa_next
        }
        freeifaddrs(list)
        return nil
    }

    /// Near-miss: defer frees the list on every path, and loopback (lo0) is a stable name.
    static func hasNonLoopbackAddress() -> Bool {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return false }
        defer { freeifaddrs(list) }
        for entry in sequence(first: first, next: { $0.pointee.ifa_next }) {
            if String(cString: entry.pointee.ifa_name) != "lo0", entry.pointee.ifa_addr != nil { return true }
        }
        return false
    }

    private static func numericHost(_ address: UnsafeMutablePointer<sockaddr>?) -> String? {
        guard let address else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, socklen_t(address.pointee.sa_len), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { return nil }
        return String(cString: host)
    }
}

/// Downloads new podcast episodes in the background.
final class EpisodeDownloader: NSObject, URLSessionDownloadDelegate {
    private lazy var session = URLSession(
        configuration: .background(withIdentifier: "com.example.podcasts.episodes"),
        delegate: self, delegateQueue: nil)
    private let monitor = NWPathMonitor()
    private var pending: [URL] = []

    func start(with urls: [URL]) {
        pending = urls
        monitor.pathUpdateHandler = { [weak self] path in
            // wifi-check-prefer-constrained: Low Data Mode and hotspots are ignored.
            if path.usesInterfaceType(.wifi) {
                self?.downloadNext()
            }
            // Near-miss: only a label.
            self?.networkLabel = path.usesInterfaceType(.cellular) ? "Cellular" : "Wi-Fi"
        }
        monitor.start(queue: .main)
    }

    var networkLabel = ""

    private func downloadNext() {
        guard !pending.isEmpty else { return }
        session.downloadTask(with: pending.removeFirst()).resume()
    }

    func urlSession(_ session: URLSession, downloadTask: URLSessionDownloadTask, didFinishDownloadingTo location: URL) {
        try? FileManager.default.moveItem(at: location, to: Self.destination(for: downloadTask))
        // bg-session-serial-task-chain: one task per resume; each start waits longer than the last.
        downloadNext()
    }

    private static func destination(for task: URLSessionDownloadTask) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent(task.originalRequest?.url?.lastPathComponent ?? "episode")
    }
}

import Network

/// Finds printers nearby and listens to their status announcements.
final class Discovery {
    private let browser = NWBrowser(for: .bonjour(type: "_nearby._tcp", domain: nil), using: .tcp)
    private var group: NWConnectionGroup?

    func start() {
        browser.browseResultsChangedHandler = { results, _ in print(results.count) }
        browser.start(queue: .main)
        let multicast = try! NWMulticastGroup(for: [.hostPort(host: "224.0.0.251", port: 5353)])
        group = NWConnectionGroup(with: multicast, using: .udp)
        group?.start(queue: .main)
    }
}

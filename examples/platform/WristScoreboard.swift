// Watch app target: live scores on the wrist.
import SwiftUI
import WatchKit
import Network

@main
struct ScoreboardApp: App {
    @WKApplicationDelegateAdaptor private var delegate: ScoreboardDelegate
    @StateObject private var feed = ScoreFeed()

    var body: some Scene {
        WindowGroup { ScoreList(feed: feed) }
    }
}

final class ScoreboardDelegate: NSObject, WKApplicationDelegate {}

@MainActor
final class ScoreFeed: ObservableObject {
    @Published private(set) var scores: [String] = []
    @Published private(set) var offline = false

    // netadvisor flags this: the monitor never reports .satisfied in an ordinary watch app.
    private let monitor = NWPathMonitor()

    // Near-miss: URLSession data tasks are the supported way to reach the network on watchOS.
    func refresh() async {
        do {
            let (data, _) = try await URLSession.shared.data(from: URL(string: "https://scores.example.com/live")!)
            scores = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
            offline = false
        } catch {
            offline = true
        }
    }

    func watchConnectivity() {
        monitor.pathUpdateHandler = { [weak self] path in
            Task { @MainActor in self?.offline = path.status != .satisfied }
        }
        monitor.start(queue: .main)
    }
}

#if os(iOS)
// Near-miss: the iPhone build keeps its push socket; watchOS never compiles this.
let phoneRelay = NWConnection(host: "relay.example.com", port: 8443, using: .tls)
#endif

struct ScoreList: View {
    @ObservedObject var feed: ScoreFeed
    var body: some View {
        List(feed.scores, id: \.self) { Text($0) }
            .task { await feed.refresh() }
    }
}

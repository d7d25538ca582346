// A two-player board game that finds a nearby opponent over Bonjour and plays over Network framework.
// Each lifecycle slip below is one NetAdvisor flags; the matching correct version sits beside it.
import Network
import Foundation

final class BoardGameLink {
    private let queue = DispatchQueue(label: "board-game")
    private var listener: NWListener?
    private var browser: NWBrowser?
    private var opponent: NWConnection?
    var onStatus: (String) -> Void = { _ in }

    private func parameters() -> NWParameters {
        let parameters = NWParameters.tcp
        parameters.includePeerToPeer = true          // nw-peer-to-peer-opt-in: reminder to stop browsing
        return parameters
    }

    // Host side: accept a challenger.
    func host() throws {
        let listener = try NWListener(using: parameters())
        listener.service = NWListener.Service(type: "_boardgame._tcp")
        listener.newConnectionHandler = { challenger in   // nw-new-connection-not-started
            challenger.stateUpdateHandler = { [weak self] state in
                if case .ready = state { self?.onStatus("Challenger joined") }
            }
            print("challenger from \(challenger.endpoint)")
        }
        listener.start(queue: queue)
        self.listener = listener
    }

    // Near-miss: a spectator listener that starts and tracks its connections (stays silent).
    private var spectators: [NWConnection] = []
    func hostSpectators(on listener: NWListener) {
        listener.newConnectionHandler = { [weak self] spectator in
            guard let self else { spectator.cancel(); return }
            spectator.start(queue: self.queue)
            self.spectators.append(spectator)
        }
    }

    // Guest side: browse, then connect to the first host found.
    func findHost() {
        let browser = NWBrowser(for: .bonjour(type: "_boardgame._tcp", domain: nil), using: parameters())
        browser.browseResultsChangedHandler = { [weak self] results, _ in
            guard let host = results.first else { return }
            self?.join(host.endpoint)
        }
        browser.start(queue: queue)
        self.browser = browser
    }

    private func join(_ endpoint: NWEndpoint) {
        let connection = NWConnection(to: endpoint, using: parameters())
        connection.stateUpdateHandler = { [weak self] state in
            switch state {
            case .ready:
                self?.onStatus("Connected")
            case .waiting(let error):
                self?.onStatus("Could not reach the host: \(error)")
                connection.cancel()                       // nw-waiting-treated-as-failure
            case .failed:
                connection.cancel()
            default:
                break
            }
        }
        connection.viabilityUpdateHandler = { [weak self] isViable in
            if !isViable {
                self?.onStatus("Opponent lost")
                connection.cancel()                       // nw-viability-not-debounced
            }
        }
        connection.start(queue: queue)
        opponent = connection
    }

    // A quick reachability probe that forgot to start its connection.
    func probe(_ endpoint: NWEndpoint) {
        let probe = NWConnection(to: endpoint, using: .tcp)   // nw-connection-never-started
        probe.stateUpdateHandler = { [weak self] state in
            if case .ready = state { self?.onStatus("Host reachable") }
        }
    }

    func resign() {
        opponent?.forceCancel()                           // nw-force-cancel: a graceful cancel() is enough
        opponent = nil
    }

    // Near-miss: forcing the close is fine once the opponent has stopped answering pings.
    func opponentStoppedResponding() {
        opponent?.forceCancel()
    }
}

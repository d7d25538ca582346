// A packet tunnel provider written against Network Extension's original networking classes.
// ne-tcp-connection-deprecated fires on the endpoint and on createTCPConnection; the NWConnection
// used for the health check is the recommended replacement and stays silent.
import Network
import NetworkExtension

final class TunnelProvider: NEPacketTunnelProvider {
    private var control: NWTCPConnection?
    private var healthCheck: NWConnection?

    override func startTunnel(options: [String: NSObject]?, completionHandler: @escaping (Error?) -> Void) {
        let server = NWHostEndpoint(hostname: "vpn.example.com", port: "443")
        control = createTCPConnection(to: server, enableTLS: true, tlsParameters: nil, delegate: nil)
        control?.addObserver(self, forKeyPath: "state", options: .initial, context: nil)

        // Network framework works inside a provider without looping through the tunnel.
        let probe = NWConnection(host: "status.example.com", port: 443, using: .tls)
        probe.stateUpdateHandler = { state in
            if case .failed(let error) = state { NSLog("health check failed: \(error)") }
        }
        probe.start(queue: .main)
        healthCheck = probe

        let settings = NEPacketTunnelNetworkSettings(tunnelRemoteAddress: "203.0.113.1")
        setTunnelNetworkSettings(settings, completionHandler: completionHandler)
    }

    override func stopTunnel(with reason: NEProviderStopReason, completionHandler: @escaping () -> Void) {
        control?.cancel()
        healthCheck?.cancel()
        completionHandler()
    }
}

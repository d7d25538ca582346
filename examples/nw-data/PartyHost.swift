// PartyHost: hosts a local multiplayer party game, advertises it with Bonjour and streams the
// round's photo album to each guest. Example input for `netadvisor check examples`.
import Foundation
import Network

enum PartyDiscovery {
  /// Shared with NSBonjourServices in Info.plist.
  static let controlType = "_party-game._tcp"
}

final class PartyHost {
  private let queue = DispatchQueue(label: "party.host")
  private var controlListener: NWListener?
  private var voiceListener: NWListener?
  private var guests: [NWConnection] = []

  func start() throws {
    // Control channel: TCP with a matching _tcp type (near-miss: nothing to report).
    let control = try NWListener(using: Self.controlParameters())
    control.service = NWListener.Service(name: "Party", type: PartyDiscovery.controlType)
    control.newConnectionHandler = { [weak self] connection in self?.accept(connection) }
    control.start(queue: queue)
    controlListener = control

    // Voice chat: datagrams, but the advertised type still says _tcp (nw-bonjour-transport-mismatch).
    let voice = try NWListener(using: .udp)
    voice.service = NWListener.Service(name: "Party voice", type: "_party-voice._tcp")
    voice.start(queue: queue)
    voiceListener = voice
  }

  /// Lets the TV app find hosts; the type is missing its leading underscore (nw-bonjour-service-type-invalid).
  func makeTVBrowser() -> NWBrowser {
    let parameters = NWParameters()
    parameters.includePeerToPeer = true
    return NWBrowser(for: .bonjour(type: "party-tv._tcp", domain: nil), using: parameters)
  }

  private static func controlParameters() -> NWParameters {
    let tcp = NWProtocolTCP.Options()
    tcp.enableKeepalive = true
    tcp.keepaliveIdle = 10
    tcp.connectionDropTime = 30
    let parameters = NWParameters(tls: nil, tcp: tcp)
    parameters.includePeerToPeer = true
    return parameters
  }

  private func accept(_ connection: NWConnection) {
    guests.append(connection)
    connection.start(queue: queue)
  }

  /// Streams one photo file to a guest, one chunk per completed send.
  func sendAlbum(_ file: FileHandle, to connection: NWConnection) {
    let chunk = file.readData(ofLength: 1 << 20)
    guard !chunk.isEmpty else { return }
    connection.send(content: chunk, completion: .contentProcessed { [weak self] error in
      if error == nil { self?.sendAlbum(file, to: connection) }
    })
  }
}

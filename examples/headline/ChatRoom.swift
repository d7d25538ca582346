// A small chat room built on Multipeer Connectivity (the pattern NetAdvisor steers away from).
import MultipeerConnectivity
import UIKit

final class ChatRoom: NSObject, MCSessionDelegate {
    private let me = MCPeerID(displayName: UIDevice.current.name)
    private lazy var session = MCSession(peer: me, securityIdentity: nil, encryptionPreference: .optional)

    func broadcast(_ text: String) throws {
        try session.send(Data(text.utf8), toPeers: session.connectedPeers, with: .reliable)
    }

    func session(_ session: MCSession, peer peerID: MCPeerID, didChange state: MCSessionState) {}
    func session(_ session: MCSession, didReceive data: Data, fromPeer peerID: MCPeerID) {}
    func session(_ session: MCSession, didReceive stream: InputStream, withName streamName: String, fromPeer peerID: MCPeerID) {}
    func session(_ session: MCSession, didStartReceivingResourceWithName resourceName: String, fromPeer peerID: MCPeerID, with progress: Progress) {}
    func session(_ session: MCSession, didFinishReceivingResourceWithName resourceName: String, fromPeer peerID: MCPeerID, at localURL: URL?, withError error: Error?) {}
}

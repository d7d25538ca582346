// iPhone app: VoIP pushes for an intercom product.
import CallKit
import PushKit
import UserNotifications

final class IntercomPushes: NSObject, PKPushRegistryDelegate {
    private let registry = PKPushRegistry(queue: .main)

    func start() {
        registry.delegate = self
        registry.desiredPushTypes = [.voIP]
    }

    func pushRegistry(_ registry: PKPushRegistry, didUpdate pushCredentials: PKPushCredentials, for type: PKPushType) {
        let token = pushCredentials.token.map { String(format: "%02x", $0) }.joined()
        UserDefaults.standard.set(token, forKey: "voipToken")
    }

    // netadvisor flags this: the push only produces a local notification, never a reported call,
    // so the system terminates the app.
    func pushRegistry(_ registry: PKPushRegistry, didReceiveIncomingPushWith payload: PKPushPayload, for type: PKPushType, completion: @escaping () -> Void) {
        let content = UNMutableNotificationContent()
        content.title = payload.dictionaryPayload["door"] as? String ?? "Front door"
        content.body = "Someone is ringing"
        UNUserNotificationCenter.current().add(UNNotificationRequest(identifier: UUID().uuidString, content: content, trigger: nil))
        completion()
    }
}

// Near-miss: this handler reports the call to CallKit before completing.
final class IntercomCalls: NSObject, PKPushRegistryDelegate {
    private let provider = CXProvider(configuration: CXProviderConfiguration())

    func pushRegistry(_ registry: PKPushRegistry, didUpdate pushCredentials: PKPushCredentials, for type: PKPushType) {}

    func pushRegistry(_ registry: PKPushRegistry, didReceiveIncomingPushWith payload: PKPushPayload, for type: PKPushType, completion: @escaping () -> Void) {
        let update = CXCallUpdate()
        update.remoteHandle = CXHandle(type: .generic, value: payload.dictionaryPayload["door"] as? String ?? "Front door")
        provider.reportNewIncomingCall(with: UUID(), update: update) { _ in completion() }
    }
}

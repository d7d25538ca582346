// Talks to a Wi-Fi accessory over TLS and to its cloud API over HTTPS. The "quick" paths are the
// mistakes NetAdvisor reports; the "careful" paths next to them are the fixes and stay silent.
import CryptoKit
import Foundation
import Network
import Security

final class AccessoryLink {
    private let verifyQueue = DispatchQueue(label: "accessory.tls.verify")

    /// Quick: trusts whatever certificate the accessory presents, and allows TLS 1.0.
    func quickTLSOptions() -> NWProtocolTLS.Options {
        let tls = NWProtocolTLS.Options()
        let sec = tls.securityProtocolOptions
        sec_protocol_options_set_min_tls_protocol_version(sec, .TLSv10)
        sec_protocol_options_set_verify_block(sec, { _, peerTrust, complete in
            let trust = sec_trust_copy_ref(peerTrust).takeRetainedValue()
            // TODO: check the accessory CA
            complete(true)
        }, verifyQueue)
        return tls
    }

    /// Careful: only the accessory maker's CA is trusted, and TLS 1.2 is the floor.
    func carefulTLSOptions(accessoryCA: SecCertificate) -> NWProtocolTLS.Options {
        let tls = NWProtocolTLS.Options()
        let sec = tls.securityProtocolOptions
        sec_protocol_options_set_min_tls_protocol_version(sec, .TLSv12)
        sec_protocol_options_set_verify_block(sec, { _, peerTrust, complete in
            let trust = sec_trust_copy_ref(peerTrust).takeRetainedValue()
            SecTrustSetAnchorCertificates(trust, [accessoryCA] as CFArray)
            SecTrustSetAnchorCertificatesOnly(trust, true)
            var failure: CFError?
            complete(SecTrustEvaluateWithError(trust, &failure))
        }, verifyQueue)
        return tls
    }

    /// Quick: the key argument was copied from the identity line, so the key is the public label.
    func quickPSKOptions(pairingID: Data, secret: Data) -> NWProtocolTLS.Options {
        let tls = NWProtocolTLS.Options()
        let labelData = pairingID.withUnsafeBytes { DispatchData(bytes: $0) }
        let keyData = pairingID.withUnsafeBytes { DispatchData(bytes: $0) }
        sec_protocol_options_add_pre_shared_key(tls.securityProtocolOptions, keyData as dispatch_data_t,
                                                labelData as dispatch_data_t)
        return tls
    }

    /// Careful: the secret is the key, the pairing ID is the identity.
    func carefulPSKOptions(pairingID: Data, secret: SymmetricKey) -> NWProtocolTLS.Options {
        let tls = NWProtocolTLS.Options()
        let labelData = pairingID.withUnsafeBytes { DispatchData(bytes: $0) }
        let keyData = secret.withUnsafeBytes { DispatchData(bytes: $0) }
        sec_protocol_options_add_pre_shared_key(tls.securityProtocolOptions, keyData as dispatch_data_t,
                                                labelData as dispatch_data_t)
        sec_protocol_options_append_tls_ciphersuite(
            tls.securityProtocolOptions, tls_ciphersuite_t(rawValue: UInt16(TLS_PSK_WITH_AES_128_GCM_SHA256))!)
        return tls
    }
}

/// The cloud API client: pinning done two ways.
final class CloudSessionDelegate: NSObject, URLSessionTaskDelegate {
    private let pinnedKeyHashes: Set<Data>

    init(pinnedKeyHashes: Set<Data>) {
        self.pinnedKeyHashes = pinnedKeyHashes
    }

    /// Quick: the old evaluation API, checked for the wrong value.
    func legacyIsTrusted(_ trust: SecTrust) -> Bool {
        var result = SecTrustResultType.invalid
        return SecTrustEvaluate(trust, &result) == errSecSuccess && result == .proceed
    }

    /// Careful: evaluate first, then pin the leaf's public key.
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge)
        async -> (URLSession.AuthChallengeDisposition, URLCredential?) {
        guard challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust,
              let trust = challenge.protectionSpace.serverTrust else {
            return (.performDefaultHandling, nil)
        }
        var failure: CFError?
        guard SecTrustEvaluateWithError(trust, &failure), pinnedKeyHashes.contains(leafKeyHash(trust)) else {
            return (.cancelAuthenticationChallenge, nil)
        }
        return (.useCredential, URLCredential(trust: trust))
    }

    private func leafKeyHash(_ trust: SecTrust) -> Data {
        guard let key = SecTrustCopyKey(trust), let bytes = SecKeyCopyExternalRepresentation(key, nil) else { return Data() }
        return Data(SHA256.hash(data: bytes as Data))
    }
}

/// A staging helper that someone forgot to delete.
final class StagingSessionDelegate: NSObject, URLSessionDelegate {
    func urlSession(_ session: URLSession, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        guard let trust = challenge.protectionSpace.serverTrust else {
            return completionHandler(.performDefaultHandling, nil)
        }
        completionHandler(.useCredential, URLCredential(trust: trust))
    }
}

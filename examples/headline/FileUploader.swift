// Uploads a file over an NWConnection: the first method floods the send buffer, the second paces itself.
import Foundation
import Network

final class FileUploader {
    private let connection: NWConnection

    init(connection: NWConnection) {
        self.connection = connection
    }

    func uploadAllAtOnce(_ handle: FileHandle) {
        while true {
            let chunk = handle.readData(ofLength: 65_536)
            if chunk.isEmpty { break }
            connection.send(content: chunk, completion: .contentProcessed { _ in })
        }
    }

    func uploadPaced(_ handle: FileHandle) {
        let chunk = handle.readData(ofLength: 1_048_576)
        guard !chunk.isEmpty else { return }
        connection.send(content: chunk, completion: .contentProcessed { [weak self] error in
            if error == nil { self?.uploadPaced(handle) }
        })
    }
}

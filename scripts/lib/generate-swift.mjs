// Generates realistic, deterministic Swift source of a requested length for grammar checks and benchmarks.

// Each template is a self-contained type; `${n}` makes names unique so the file compiles in principle.
const TEMPLATES = [
  (n) => `import Network

final class Uploader${n} {
    private let connection: NWConnection
    private var pending: [Data] = []

    init(host: String, port: UInt16) {
        connection = NWConnection(host: NWEndpoint.Host(host), port: NWEndpoint.Port(rawValue: port)!, using: .tcp)
    }

    func start() {
        connection.stateUpdateHandler = { [weak self] state in
            switch state {
            case .ready: self?.drain()
            case .failed(let error): print("failed \\(error)")
            default: break
            }
        }
        connection.start(queue: .main)
    }

    private func drain() {
        guard !pending.isEmpty else { return }
        let chunk = pending.removeFirst()
        connection.send(content: chunk, completion: .contentProcessed { [weak self] error in
            if error == nil { self?.drain() }
        })
    }
}
`,
  (n) => `struct Item${n}: Codable, Hashable {
    let id: Int
    var title: String
    var tags: [String] = []
    var score: Double?

    enum CodingKeys: String, CodingKey {
        case id, title, tags, score = "rating"
    }
}

enum LoadError${n}: Error {
    case badStatus(Int)
    case decoding(Error)
    case cancelled
}
`,
  (n) => `final class Client${n} {
    private let session: URLSession
    private let base = URL(string: "https://api.example.com/v1/")!

    init(session: URLSession = .shared) { self.session = session }

    func items(page: Int) async throws -> [Item${n}] {
        var request = URLRequest(url: base.appendingPathComponent("items"))
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse, (200..<300).contains(http.statusCode) else {
            throw LoadError${n}.badStatus((response as? HTTPURLResponse)?.statusCode ?? -1)
        }
        do {
            return try JSONDecoder().decode([Item${n}].self, from: data)
        } catch {
            throw LoadError${n}.decoding(error)
        }
    }
}
`,
  (n) => `func retry${n}<T>(times: Int, delay: TimeInterval = 0.5, _ body: () async throws -> T) async rethrows -> T {
    var attempt = 0
    while true {
        do {
            return try await body()
        } catch where attempt < times {
            attempt += 1
            let nanos = UInt64(delay * Double(attempt) * 1_000_000_000)
            try? await Task.sleep(nanoseconds: nanos)
        }
    }
}
`,
  (n) => `final class SocketTask${n}: NSObject, URLSessionWebSocketDelegate {
    private var task: URLSessionWebSocketTask?
    var onMessage: ((String) -> Void)?

    func connect(to url: URL) {
        let session = URLSession(configuration: .default, delegate: self, delegateQueue: nil)
        task = session.webSocketTask(with: url)
        task?.resume()
        listen()
    }

    private func listen() {
        task?.receive { [weak self] result in
            if case .success(.string(let text)) = result { self?.onMessage?(text) }
            self?.listen()
        }
    }

    func send(_ text: String) {
        task?.send(.string(text)) { error in
            if let error { print("send failed: \\(error.localizedDescription)") }
        }
    }
}
`,
  (n) => `import Combine

final class ListModel${n}: ObservableObject {
    @Published private(set) var rows: [String] = []
    @Published var query = ""
    private var bag = Set<AnyCancellable>()

    init() {
        $query
            .debounce(for: .milliseconds(250), scheduler: RunLoop.main)
            .removeDuplicates()
            .map { $0.lowercased() }
            .sink { [weak self] text in self?.rows = text.isEmpty ? [] : [text] }
            .store(in: &bag)
    }
}
`,
];

/** Templates without networking APIs (filler for trees where only a few files should touch the network). */
const PLAIN_TEMPLATES = [TEMPLATES[1], TEMPLATES[3], TEMPLATES[5]];

/**
 * Returns Swift source with at least `minLines` lines, cycling through the templates; with
 * `{ networking: false }` only the templates that use no networking API.
 */
export function generateSwift(minLines, { networking = true } = {}) {
  const templates = networking ? TEMPLATES : PLAIN_TEMPLATES;
  const parts = [];
  let lines = 0;
  for (let i = 0; lines < minLines; i++) {
    const text = templates[i % templates.length](i);
    parts.push(text);
    lines += text.split('\n').length;
  }
  return parts.join('\n');
}

import SwiftUI

@main
struct HostApp: App {
    var body: some Scene { WindowGroup { Text("Filter") } }
}

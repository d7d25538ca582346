// Reads the resolver's DNS servers the way many older snippets do.
import Foundation

func currentDNSServers() -> [String] {
    let state = __res_9_state()
    guard res_9_ninit(state) == 0 else { return [] }
    defer { res_9_nclose(state) }
    var servers = [res_9_sockaddr_union](repeating: res_9_sockaddr_union(), count: 10)
    let count = Int(res_9_getservers(state, &servers, Int32(servers.count)))
    return servers.prefix(count).map { _ in "server" }
}

// The safe shape: app-owned, zero-initialised state passed by address.
func ownedStateServerCount() -> Int32 {
    var state: __res_9_state = __res_9_state()
    guard res_9_ninit(&state) == 0 else { return 0 }
    defer { res_9_ndestroy(&state) }
    return state.nscount
}

/* Example C code for the interface rules: run `netadvisor check examples`. */
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

/* iface-hardcoded-bsd-name: "pdp_ip" and "utun" prefixes; iface-getifaddrs-not-freed: the early return. */
int on_cellular_or_vpn(void) {
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) != 0) return 0;
    for (struct ifaddrs *ifa = list; ifa != NULL; ifa = ifa->ifa_next) {
        if (!(ifa->ifa_flags & IFF_UP)) continue;
        if (strncmp(ifa->ifa_name, "pdp_ip", 6) == 0 || strncmp(ifa->ifa_name, "utun", 4) == 0) {
            return 1;
        }
    }
    freeifaddrs(list);
    return 0;
}

/* Near-miss: a single exit frees the list; the name is only printed. */
void print_interfaces(void) {
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) == -1) { perror("getifaddrs"); return; }
    for (struct ifaddrs *ifa = list; ifa != NULL; ifa = ifa->ifa_next) {
        printf("%s\n", ifa->ifa_name);
    }
    freeifaddrs(list);
}

/* c-sockaddr-port-byte-order (off by default): the port is printed without ntohs. */
void log_peer(const struct sockaddr_in6 *peer) {
    printf("peer port %d\n", peer->sin6_port);
}

/* Looks up MX records with libresolv. */
#include <resolv.h>
#include <arpa/nameser.h>

int mx_record_count(const char *domain) {
    unsigned char answer[NS_PACKETSZ];
    int length = res_query(domain, ns_c_in, ns_t_mx, answer, sizeof answer);
    if (length < 0) {
        return -1;
    }
    ns_msg message;
    if (ns_initparse(answer, length, &message) < 0) {
        return -1;
    }
    return ns_msg_count(message, ns_s_an);
}

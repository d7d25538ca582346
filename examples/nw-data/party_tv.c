/* party_tv: the tvOS scoreboard finds party hosts with the C API. Example input for `netadvisor check examples`. */
#include <Network/Network.h>
#include <dns_sd.h>

static nw_browser_t start_browser(dispatch_queue_t queue) {
  nw_parameters_t parameters = nw_parameters_create_secure_tcp(NW_PARAMETERS_DISABLE_PROTOCOL,
                                                               NW_PARAMETERS_DEFAULT_CONFIGURATION);
  /* Near-miss: a valid type, and browse parameters are never compared with the type. */
  nw_browse_descriptor_t descriptor = nw_browse_descriptor_create_bonjour_service("_party-game._tcp", NULL);
  nw_browser_t browser = nw_browser_create(descriptor, parameters);
  nw_browser_set_queue(browser, queue);
  nw_browser_start(browser);
  return browser;
}

static void browse_reply(DNSServiceRef ref, DNSServiceFlags flags, uint32_t interface_index,
                         DNSServiceErrorType error, const char *name, const char *type,
                         const char *domain, void *context) {}

static DNSServiceRef start_legacy_browse(void) {
  DNSServiceRef ref = NULL;
  /* The domain belongs in its own argument (nw-bonjour-service-type-invalid). */
  DNSServiceBrowse(&ref, 0, 0, "_party-game._tcp.local.", NULL, browse_reply, NULL);
  return ref;
}

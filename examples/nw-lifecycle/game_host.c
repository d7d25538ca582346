/* The same game's headless host, written against the Network framework C API. */
#include <Network/Network.h>
#include <dispatch/dispatch.h>
#include <stdio.h>

static nw_connection_t g_opponent = NULL;

void host_game(nw_parameters_t parameters, dispatch_queue_t queue) {
    nw_parameters_set_include_peer_to_peer(parameters, true);     /* nw-peer-to-peer-opt-in */
    nw_listener_t listener = nw_listener_create(parameters);
    nw_listener_set_queue(listener, queue);
    nw_listener_set_new_connection_handler(listener, ^(nw_connection_t connection) {
        if (g_opponent != NULL) {              /* one opponent at a time: refuse the rest */
            nw_connection_cancel(connection);
            return;
        }
        nw_connection_set_queue(connection, queue);
        nw_connection_set_state_changed_handler(connection, ^(nw_connection_state_t state, nw_error_t error) {
            if (state == nw_connection_state_waiting) {
                nw_connection_cancel(connection);                 /* nw-waiting-treated-as-failure */
            }
        });
        nw_connection_set_viability_changed_handler(connection, ^(bool viable) {
            if (!viable) { nw_connection_cancel(connection); }    /* nw-viability-not-debounced */
        });
        nw_connection_start(connection);
        g_opponent = connection;
    });
    nw_listener_start(listener);
}

void end_game(void) {
    nw_connection_force_cancel(g_opponent);                       /* nw-force-cancel */
    g_opponent = NULL;
}

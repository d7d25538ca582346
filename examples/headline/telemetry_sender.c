/* Streams telemetry samples over a Network framework connection from C. */
#include <Network/Network.h>
#include <dispatch/dispatch.h>

void send_samples(nw_connection_t connection, const double *samples, size_t count) {
    for (size_t i = 0; i < count; i++) {
        dispatch_data_t data = dispatch_data_create(&samples[i], sizeof samples[i], NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);
        nw_connection_send(connection, data, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, false, ^(nw_error_t error) {
            (void)error;
        });
    }
}

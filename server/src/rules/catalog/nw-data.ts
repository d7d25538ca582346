// Network framework data, Bonjour and protocol-choice rules (nw-).
import nwBonjourServiceTypeInvalid from '../nw-bonjour-service-type-invalid';
import nwBonjourTransportMismatch from '../nw-bonjour-transport-mismatch';
import nwIdempotentOnStream from '../nw-idempotent-on-stream';
import nwReceiveUnboundedBuffer from '../nw-receive-unbounded-buffer';
import nwSmallBulkChunk from '../nw-small-bulk-chunk';
import nwStreamNeedsFraming from '../nw-stream-needs-framing';
import nwTcpLocalDefaults from '../nw-tcp-local-defaults';
import type { RuleDefinition } from '../rule';

export const nwDataRules: RuleDefinition[] = [
  nwBonjourServiceTypeInvalid,
  nwBonjourTransportMismatch,
  nwReceiveUnboundedBuffer,
  nwStreamNeedsFraming,
  nwSmallBulkChunk,
  nwIdempotentOnStream,
  nwTcpLocalDefaults,
];

// Network framework connection lifecycle rules (nw-).
import nwConnectionNeverStarted from '../nw-connection-never-started';
import nwForceCancel from '../nw-force-cancel';
import nwNewConnectionNotStarted from '../nw-new-connection-not-started';
import nwPeerToPeerOptIn from '../nw-peer-to-peer-opt-in';
import nwViabilityNotDebounced from '../nw-viability-not-debounced';
import nwWaitingTreatedAsFailure from '../nw-waiting-treated-as-failure';
import type { RuleDefinition } from '../rule';

export const nwLifecycleRules: RuleDefinition[] = [
  nwNewConnectionNotStarted, nwConnectionNeverStarted, nwViabilityNotDebounced, nwWaitingTreatedAsFailure, nwForceCancel,
  nwPeerToPeerOptIn,
];

// Platform-specific and opt-in rules (watchos-, pushkit-, mpc-, res9-, threadnetwork-).
import mpcPersistentPeerId from '../mpc-persistent-peer-id';
import mpcUnreliableSendMode from '../mpc-unreliable-send-mode';
import pushkitVoipMustReportCall from '../pushkit-voip-must-report-call';
import res9NinitWithoutCleanup from '../res9-ninit-without-cleanup';
import type { RuleDefinition } from '../rule';
import threadnetworkEntitlement from '../threadnetwork-entitlement';
import watchosLowLevelNetworking from '../watchos-low-level-networking';

export const platformRules: RuleDefinition[] = [
  watchosLowLevelNetworking,
  pushkitVoipMustReportCall,
  mpcUnreliableSendMode,
  mpcPersistentPeerId,
  res9NinitWithoutCleanup,
  threadnetworkEntitlement,
];

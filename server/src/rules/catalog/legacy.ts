// Legacy networking API and Network Extension rules (legacy-, ne-).
import legacyCfftp from '../legacy-cfftp';
import legacyNsstreamSocket from '../legacy-nsstream-socket';
import legacyNsurlconnection from '../legacy-nsurlconnection';
import legacyScnetworkreachability from '../legacy-scnetworkreachability';
import nePrivateNecpPf from '../ne-private-necp-pf';
import neTcpConnectionDeprecated from '../ne-tcp-connection-deprecated';
import type { RuleDefinition } from '../rule';

export const legacyRules: RuleDefinition[] = [
  neTcpConnectionDeprecated,
  nePrivateNecpPf,
  legacyNsstreamSocket,
  legacyScnetworkreachability,
  legacyNsurlconnection,
  legacyCfftp,
];

// The rule registry: every shipped rule, in catalogue order. A rule that is removed or renamed keeps an alias here.
import mpcEncryptionNone from './mpc-encryption-none';
import mpcEncryptionOptional from './mpc-encryption-optional';
import mpcFrameworkUse from './mpc-framework-use';
import netadvisorInvalidSuppression from './netadvisor-invalid-suppression';
import netadvisorUnusedSuppression from './netadvisor-unused-suppression';
import nwSendWithoutFlowControl from './nw-send-without-flow-control';
import res9GlobalStateFunction from './res9-global-state-function';
import res9ResolverUse from './res9-resolver-use';
import { RuleRegistry } from './registry';
import type { RuleDefinition } from './rule';
import wifiSignalStrengthNotGeneral from './wifi-signal-strength-not-general';
import wifiSignalStrengthPrivateHack from './wifi-signal-strength-private-hack';

export { RuleRegistry } from './registry';

export const allRules: readonly RuleDefinition[] = [
  // Tier 1: the headline rules.
  mpcFrameworkUse,
  mpcEncryptionOptional,
  mpcEncryptionNone,
  res9GlobalStateFunction,
  res9ResolverUse,
  wifiSignalStrengthNotGeneral,
  wifiSignalStrengthPrivateHack,
  nwSendWithoutFlowControl,
  // Findings about suppression comments themselves.
  netadvisorUnusedSuppression,
  netadvisorInvalidSuppression,
];

export const defaultRegistry = new RuleRegistry(allRules);

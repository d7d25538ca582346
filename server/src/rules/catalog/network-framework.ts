// Network framework rules (nw-).
import nwSendWithoutFlowControl from '../nw-send-without-flow-control';
import type { RuleDefinition } from '../rule';

export const networkFrameworkRules: RuleDefinition[] = [nwSendWithoutFlowControl];

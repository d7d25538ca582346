// Multipeer Connectivity rules (mpc-).
import mpcEncryptionNone from '../mpc-encryption-none';
import mpcEncryptionOptional from '../mpc-encryption-optional';
import mpcFrameworkUse from '../mpc-framework-use';
import type { RuleDefinition } from '../rule';

export const multipeerRules: RuleDefinition[] = [mpcFrameworkUse, mpcEncryptionOptional, mpcEncryptionNone];

// libresolv rules (res9-).
import res9GlobalStateFunction from '../res9-global-state-function';
import res9ResolverUse from '../res9-resolver-use';
import type { RuleDefinition } from '../rule';

export const resolverRules: RuleDefinition[] = [res9GlobalStateFunction, res9ResolverUse];

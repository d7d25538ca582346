// The rule registry: every shipped rule, family by family (one catalog file per family lists its rules).
import { interfaceRules } from './catalog/interfaces';
import { legacyRules } from './catalog/legacy';
import { metaRules } from './catalog/meta';
import { multipeerRules } from './catalog/multipeer';
import { networkFrameworkRules } from './catalog/network-framework';
import { nwDataRules } from './catalog/nw-data';
import { nwLifecycleRules } from './catalog/nw-lifecycle';
import { platformRules } from './catalog/platform';
import { resolverRules } from './catalog/resolver';
import { tlsRules } from './catalog/tls';
import { wifiRules } from './catalog/wifi';
import { RuleRegistry } from './registry';
import type { RuleDefinition } from './rule';

export { RuleRegistry } from './registry';

export const allRules: readonly RuleDefinition[] = [
  ...multipeerRules,
  ...resolverRules,
  ...wifiRules,
  ...networkFrameworkRules,
  ...nwLifecycleRules,
  ...nwDataRules,
  ...tlsRules,
  ...legacyRules,
  ...interfaceRules,
  ...platformRules,
  ...metaRules,
];

export const defaultRegistry = new RuleRegistry(allRules);

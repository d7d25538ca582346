// The rule registry: every shipped rule, family by family (one catalog file per family lists its rules).
import { interfaceRules } from './catalog/interfaces';
import { legacyRules } from './catalog/legacy';
import { metaRules } from './catalog/meta';
import { multipeerRules } from './catalog/multipeer';
import { networkFrameworkRules } from './catalog/network-framework';
import { nwDataRules } from './catalog/nw-data';
import { nwLifecycleRules } from './catalog/nw-lifecycle';
import { platformRules } from './catalog/platform';
import { projectFactsRules, projectFileRules } from './catalog/project-files';
import { resolverRules } from './catalog/resolver';
import { tlsRules } from './catalog/tls';
import { wifiRules } from './catalog/wifi';
import { RuleRegistry } from './registry';
import type { ProjectFileRuleDefinition } from './project-file-rule';
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
  ...projectFactsRules,
  ...metaRules,
];

/** Rules over project files (Info.plist, .entitlements); they share the id space with the rules above. */
export const allProjectFileRules: readonly ProjectFileRuleDefinition[] = projectFileRules;

export const defaultRegistry = new RuleRegistry(allRules, allProjectFileRules);

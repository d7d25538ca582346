// Lints one project file (Info.plist-style *.plist or *.entitlements) with the project-file rules: the one entry
// point the CLI and the language server share. Never throws: an unreadable plist is returned as `problem`.
import type { PlistDocument, ProjectFileContext, ProjectFileUsage } from '../../rules/project-file-rule';
import { projectFileKind } from '../../rules/project-file-rule';
import type { RuleRegistry } from '../../rules/registry';
import { renderMessage, type ReportDescriptor, type RuleMeta, type Severity } from '../../rules/rule';
import { compareFindings, type Finding, type LintResult, type RuleFailure } from '../finding';
import { LineIndex } from '../line-index';
import { INVALID_SUPPRESSION, REASON_MISSING, UNUSED_SUPPRESSION } from '../meta-rules';
import { effectiveSeverity, type SeverityOverrides } from '../severity';
import { applySuppressions, parseDirective, type Directive } from '../suppressions';
import { readPlistBytes, readPlistText } from './plist';
import { xmlDirectiveText } from './plist-suppression-edits';
import type { ProjectModel } from './project-model';

export interface ProjectFileLintOptions {
  severities?: SeverityOverrides;
  /** Report directives that suppress nothing (default true). */
  reportUnusedSuppressions?: boolean;
  /** Where usages (Xcode configurations using the file) and partner plists come from. */
  model?: ProjectModel;
  /** Overrides the model: the configurations using the file (rule examples, tests). */
  usages?: { usages: ProjectFileUsage[]; inXcodeProject: boolean };
  /** Overrides the model: reads another plist. */
  plist?: (file: string) => PlistDocument | undefined;
}

export interface ProjectFileLintResult extends LintResult {
  /** Set when the file is not a property list we can read (the rules did not run): what is wrong, and where. */
  problem?: string;
  /** UTF-16 offset of the problem in an XML text. */
  problemIndex?: number;
}

/** True for files the project-file rules read: `*.plist` and `*.entitlements`. */
export function isProjectFile(file: string): boolean {
  return projectFileKind(file) !== undefined;
}

/**
 * Lints a project file. `content` is the editor's text or the file's bytes (binary plists are read too; their
 * findings sit at the start of the file since they have no text).
 */
export function lintProjectFile(registry: RuleRegistry, file: string, content: string | Uint8Array, options: ProjectFileLintOptions = {}): ProjectFileLintResult {
  const kind = projectFileKind(file);
  if (!kind) return { findings: [], failures: [] };
  const read = typeof content === 'string' ? readPlistText(file, content) : readPlistBytes(file, content);
  if (!read.ok) return { findings: [], failures: [], problem: read.message, problemIndex: read.index };
  const { document, comments } = read;
  const text = document.text ?? '';
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const usages = options.usages ?? options.model?.usagesOf(file) ?? { usages: [], inXcodeProject: false };
  const otherPlist = options.plist ?? ((other: string) => {
    const result = options.model?.plist(other);
    return result?.ok ? result.document : undefined;
  });

  const toFinding = (rule: RuleMeta, severity: Severity, descriptor: ReportDescriptor): Finding => {
    const startIndex = Math.min(descriptor.range?.startIndex ?? 0, text.length);
    const endIndex = Math.min(Math.max(descriptor.range?.endIndex ?? startIndex, startIndex), text.length);
    const messageId = descriptor.messageId ?? Object.keys(rule.messages)[0];
    const template = rule.messages[messageId];
    if (template === undefined) throw new Error(`rule ${rule.id} has no message "${messageId}"`);
    return {
      ruleId: rule.id, severity, message: renderMessage(template, descriptor.data),
      range: { start: lines.positionAt(startIndex), end: lines.positionAt(endIndex) }, startIndex, endIndex,
      article: rule.article, deprecated: rule.deprecated !== undefined,
      ...(descriptor.suggestions?.length ? { suggestions: descriptor.suggestions } : {}),
      ...(descriptor.related?.length ? { related: descriptor.related } : {}),
    };
  };

  const ran = new Set<string>();
  for (const rule of registry.projectFileRules) {
    if (!rule.files.includes(kind)) continue;
    const severity = effectiveSeverity(rule, options.severities);
    if (severity === 'off') continue;
    ran.add(rule.id);
    const found: Finding[] = [];
    const context: ProjectFileContext = {
      kind, document, usages: usages.usages, inXcodeProject: usages.inXcodeProject,
      plist: otherPlist,
      report: (descriptor) => { found.push(toFinding(rule, severity, descriptor)); },
    };
    try {
      rule.check(context);
      findings.push(...found);
    } catch (err) {
      // One broken rule never takes the others down: its findings for this file are dropped.
      failures.push({ ruleId: rule.id, message: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
  }

  // `<!-- netadvisor-disable-next-line <id> - reason -->` works in XML plists as comments do in source.
  const directives = comments
    .map((c) => parseDirective({ text: xmlDirectiveText(c.inner), startIndex: c.startIndex, endIndex: c.endIndex }, lines))
    .filter((d): d is Directive => d !== undefined);
  const kept = applySuppressions(findings, directives, (id) => registry.getProjectFileRule(id)?.id);
  const meta = (ruleId: string, directive: Directive, data: Record<string, string>) => {
    const rule = registry.get(ruleId);
    if (!rule) return;
    const severity = effectiveSeverity(rule, options.severities);
    if (severity !== 'off') kept.push(toFinding(rule, severity, { range: { startIndex: directive.startIndex, endIndex: directive.endIndex }, data }));
  };
  for (const directive of directives) {
    if (!directive.reason) meta(REASON_MISSING, directive, {});
    for (const id of directive.ruleIds.filter((i) => !registry.meta(i))) meta(INVALID_SUPPRESSION, directive, { id });
    if (options.reportUnusedSuppressions === false) continue;
    const unused = directive.ruleIds.filter((id) => {
      const rule = registry.getProjectFileRule(id);
      return rule !== undefined && ran.has(rule.id) && !directive.used.has(id);
    });
    if (directive.ruleIds.length === 0 && directive.used.size === 0) meta(UNUSED_SUPPRESSION, directive, { ids: 'any rule' });
    else if (unused.length > 0) meta(UNUSED_SUPPRESSION, directive, { ids: unused.join(', ') });
  }
  kept.sort(compareFindings);
  return { findings: kept, failures };
}

// Xcode project.pbxproj: targets, their build configurations (Info.plist, entitlements, INFOPLIST_KEY_* settings,
// platforms) and which files and folders belong to each. Read-only and tolerant: unknown shapes are skipped.
import * as path from 'node:path';
import type { ApplePlatform, SuggestionEdit } from '../../rules/rule';
import { osDict, osGet, osString, osStrings, parseOpenStep, type OsDict, type OsEntry } from './openstep';

export interface XcodeBuildConfiguration {
  name: string;
  /** Project-level settings overlaid with the target's (arrays joined with spaces), as written. */
  settings: Map<string, string>;
  /** Where each setting is written (the target's entry wins over the project's). */
  settingEntries: Map<string, OsEntry>;
  /** The target-level `buildSettings = { … }` dictionary (for edits). */
  buildSettings?: OsDict;
}

export interface XcodeTarget {
  id: string;
  name: string;
  productType?: string;
  configurations: XcodeBuildConfiguration[];
  /** Files of the target's sources and headers build phases (absolute paths). */
  files: Set<string>;
  /** The folders of `files`. */
  fileFolders: Set<string>;
  /** Xcode 16 synchronized folders: every file below belongs to the target except `excluded` ones. */
  syncFolders: { folder: string; excluded: Set<string> }[];
  /** Files other targets' synchronized folders add to this target by exception. */
  syncIncluded: Set<string>;
  /** Ids of targets this one depends on. */
  dependencies: string[];
  /** File reference id of the target's product (`App.app`, `Filter.systemextension`). */
  productRef?: string;
  /** Product file references this target copies into itself (embedded extensions). */
  embeddedRefs: string[];
}

export interface XcodeProject {
  /** Absolute path of project.pbxproj. */
  file: string;
  /** The folder SRCROOT points to (the one holding the .xcodeproj, unless projectDirPath says otherwise). */
  projectDir: string;
  projectName: string;
  text: string;
  targets: XcodeTarget[];
}

export type PbxprojResult = { ok: true; project: XcodeProject } | { ok: false; message: string; index: number };

const APPLICATION = 'com.apple.product-type.application';
export const SYSTEM_EXTENSION = 'com.apple.product-type.system-extension';

/** Parses a project.pbxproj (its absolute path locates the project folder). */
export function parsePbxproj(file: string, text: string): PbxprojResult {
  const parsed = parseOpenStep(text);
  if (!parsed.ok) return parsed;
  const root = osDict(parsed.root);
  const objects = osDict(osGet(root, 'objects'));
  const rootId = osString(osGet(root, 'rootObject'));
  if (!objects || !rootId) return { ok: false, message: 'no objects or rootObject: not an Xcode project file', index: 0 };
  const object = (id: string | undefined) => (id ? osDict(osGet(objects, id)) : undefined);
  const isa = (dict: OsDict | undefined) => osString(osGet(dict, 'isa'));
  const projectObject = object(rootId);
  const xcodeproj = path.dirname(file);
  const projectDir = path.resolve(path.dirname(xcodeproj), osString(osGet(projectObject, 'projectDirPath')) ?? '');
  const projectName = path.basename(xcodeproj).replace(/\.xcodeproj$/i, '');

  // Group tree → absolute paths of files and folders.
  const parentOf = new Map<string, string>();
  for (const [id, entry] of objects.entries) {
    for (const child of osStrings(osGet(osDict(entry.value), 'children'))) parentOf.set(child, id);
  }
  const mainGroup = osString(osGet(projectObject, 'mainGroup'));
  const pathCache = new Map<string, string | undefined>();
  const resolvePath = (id: string, depth = 0): string | undefined => {
    if (pathCache.has(id)) return pathCache.get(id);
    if (depth > 64) return undefined;
    const item = object(id);
    const own = osString(osGet(item, 'path'));
    const tree = osString(osGet(item, 'sourceTree')) ?? '<group>';
    let base: string | undefined;
    if (id === mainGroup) base = projectDir;
    else if (tree === '<group>') {
      const parent = parentOf.get(id);
      base = parent ? resolvePath(parent, depth + 1) : projectDir;
    } else if (tree === 'SOURCE_ROOT') base = projectDir;
    else if (tree === '<absolute>') base = '/';
    const resolved = base === undefined ? undefined : own ? path.resolve(base, own) : base;
    pathCache.set(id, resolved);
    return resolved;
  };

  const configurationsOf = (listId: string | undefined): Map<string, OsDict> => {
    const out = new Map<string, OsDict>();
    for (const id of osStrings(osGet(object(listId), 'buildConfigurations'))) {
      const config = object(id);
      const name = osString(osGet(config, 'name'));
      if (config && name) out.set(name, config);
    }
    return out;
  };
  const projectConfigurations = configurationsOf(osString(osGet(projectObject, 'buildConfigurationList')));

  const targets: XcodeTarget[] = [];
  const syncExceptions: { groupFolder: string; owner: string; target: string; files: string[] }[] = [];
  for (const targetId of osStrings(osGet(projectObject, 'targets'))) {
    const target = object(targetId);
    if (!target || isa(target) !== 'PBXNativeTarget') continue;
    const name = osString(osGet(target, 'name')) ?? targetId;
    const configurations: XcodeBuildConfiguration[] = [];
    const targetConfigurations = configurationsOf(osString(osGet(target, 'buildConfigurationList')));
    for (const [configName, config] of targetConfigurations) {
      const settings = new Map<string, string>();
      const settingEntries = new Map<string, OsEntry>();
      const layers = [osDict(osGet(projectConfigurations.get(configName), 'buildSettings')), osDict(osGet(config, 'buildSettings'))];
      for (const layer of layers) {
        for (const [key, entry] of layer?.entries ?? []) {
          settings.set(key, osStrings(entry.value).join(' '));
          settingEntries.set(key, entry);
        }
      }
      configurations.push({ name: configName, settings, settingEntries, buildSettings: layers[1] });
    }
    const files = new Set<string>();
    const embeddedRefs: string[] = [];
    for (const phaseId of osStrings(osGet(target, 'buildPhases'))) {
      const phase = object(phaseId);
      const kind = isa(phase);
      for (const buildFileId of osStrings(osGet(phase, 'files'))) {
        const ref = osString(osGet(object(buildFileId), 'fileRef'));
        if (!ref) continue;
        if (kind === 'PBXSourcesBuildPhase' || kind === 'PBXHeadersBuildPhase') {
          const resolved = resolvePath(ref);
          if (resolved) files.add(resolved);
        } else if (kind === 'PBXCopyFilesBuildPhase') {
          embeddedRefs.push(ref);
        }
      }
    }
    const syncFolders: XcodeTarget['syncFolders'] = [];
    for (const groupId of osStrings(osGet(target, 'fileSystemSynchronizedGroups'))) {
      const folder = resolvePath(groupId);
      if (!folder) continue;
      const excluded = new Set<string>();
      for (const exceptionId of osStrings(osGet(object(groupId), 'exceptions'))) {
        const exception = object(exceptionId);
        const exceptionTarget = osString(osGet(exception, 'target'));
        const listed = osStrings(osGet(exception, 'membershipExceptions')).map((f) => path.resolve(folder, f));
        if (!exceptionTarget || exceptionTarget === targetId) listed.forEach((f) => excluded.add(f));
        else syncExceptions.push({ groupFolder: folder, owner: targetId, target: exceptionTarget, files: listed });
      }
      syncFolders.push({ folder, excluded });
    }
    const dependencies = osStrings(osGet(target, 'dependencies'))
      .map((id) => osString(osGet(object(id), 'target')))
      .filter((id): id is string => id !== undefined);
    targets.push({
      id: targetId, name, productType: osString(osGet(target, 'productType')), configurations, files,
      fileFolders: new Set([...files].map((f) => path.dirname(f))), syncFolders,
      syncIncluded: new Set(), dependencies, productRef: osString(osGet(target, 'productReference')), embeddedRefs,
    });
  }
  // A synchronized folder of one target may list files as members of another target (exceptions).
  for (const exception of syncExceptions) {
    const target = targets.find((t) => t.id === exception.target);
    if (target && !target.syncFolders.some((f) => f.folder === exception.groupFolder)) exception.files.forEach((f) => target.syncIncluded.add(f));
  }
  return { ok: true, project: { file, projectDir, projectName, text, targets } };
}

// ── Build settings ────────────────────────────────────────────────────────────────────────────────

/** Expands `$(VAR)` / `${VAR}` in a build setting; undefined when a variable cannot be resolved. */
export function expandSetting(value: string, project: XcodeProject, target: XcodeTarget, config: XcodeBuildConfiguration, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  let unresolved = false;
  const expanded = value.replace(/\$[({]([A-Za-z0-9_]+)(?::[^)}]*)?[)}]/g, (_whole, name: string) => {
    switch (name) {
      case 'SRCROOT': case 'PROJECT_DIR': case 'SOURCE_ROOT': return project.projectDir;
      case 'TARGET_NAME': return target.name;
      case 'PROJECT_NAME': return project.projectName;
      case 'inherited': return '';
      default: break;
    }
    const setting = config.settings.get(name);
    if (setting !== undefined) return expandSetting(setting, project, target, config, depth + 1) ?? (unresolved = true, '');
    if (name === 'PRODUCT_NAME') return target.name;
    unresolved = true;
    return '';
  });
  return unresolved ? undefined : expanded.trim();
}

/** A path build setting (INFOPLIST_FILE, CODE_SIGN_ENTITLEMENTS) as an absolute path. */
export function settingPath(project: XcodeProject, target: XcodeTarget, config: XcodeBuildConfiguration, key: string): string | undefined {
  const raw = config.settings.get(key);
  if (!raw?.trim()) return undefined;
  const expanded = expandSetting(raw.trim(), project, target, config);
  return expanded ? path.resolve(project.projectDir, expanded) : undefined;
}

const PLATFORM_NAMES: Record<string, ApplePlatform> = {
  iphoneos: 'ios', iphonesimulator: 'ios', macosx: 'macos', appletvos: 'tvos', appletvsimulator: 'tvos',
  watchos: 'watchos', watchsimulator: 'watchos', xros: 'visionos', xrsimulator: 'visionos',
};

/** Platforms of a configuration from SUPPORTED_PLATFORMS or SDKROOT; empty when neither says. */
export function configurationPlatforms(config: XcodeBuildConfiguration): ApplePlatform[] {
  const names = (config.settings.get('SUPPORTED_PLATFORMS') ?? '').split(/\s+/).filter(Boolean);
  if (names.length === 0) {
    const sdk = (config.settings.get('SDKROOT') ?? '').trim().toLowerCase().replace(/[\d.]+$/, '');
    if (sdk) names.push(sdk);
  }
  const out = new Set<ApplePlatform>();
  for (const name of names) {
    const platform = PLATFORM_NAMES[name.toLowerCase()];
    if (platform) out.add(platform);
  }
  return [...out];
}

/** Info.plist keys written as INFOPLIST_KEY_* build settings (only read when GENERATE_INFOPLIST_FILE is YES). */
export function infoKeySettings(config: XcodeBuildConfiguration): Map<string, { value: unknown; entry: OsEntry }> {
  const out = new Map<string, { value: unknown; entry: OsEntry }>();
  if ((config.settings.get('GENERATE_INFOPLIST_FILE') ?? '').toUpperCase() !== 'YES') return out;
  for (const [key, value] of config.settings) {
    if (!key.startsWith('INFOPLIST_KEY_')) continue;
    const upper = value.toUpperCase();
    const plain = upper === 'YES' ? true : upper === 'NO' ? false : value;
    out.set(key.slice('INFOPLIST_KEY_'.length), { value: plain, entry: config.settingEntries.get(key)! });
  }
  return out;
}

// ── Membership and relations ─────────────────────────────────────────────────────────────────────

const within = (folder: string, file: string) => file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);

/** 2: the target compiles the file or owns its synchronized folder; 1: a file of the target sits in the same folder; 0: no. */
export function membership(target: XcodeTarget, file: string): 0 | 1 | 2 {
  if (target.files.has(file) || target.syncIncluded.has(file)) return 2;
  if (target.syncFolders.some((f) => within(f.folder, file) && !f.excluded.has(file))) return 2;
  return target.fileFolders.has(path.dirname(file)) ? 1 : 0;
}

/** How likely a target is what a finding is about: apps first, then extensions, tools, the rest; tests last. */
export function targetRank(target: XcodeTarget): number {
  const type = target.productType ?? '';
  if (type === APPLICATION || type.startsWith(`${APPLICATION}.`)) return 0;
  if (type.includes('app-extension') || type.includes('extensionkit') || type === SYSTEM_EXTENSION || type.includes('watchkit2-extension')) return 1;
  if (type === 'com.apple.product-type.tool') return 2;
  if (type.includes('test')) return 9;
  return 5;
}

/** Products whose Info.plist and entitlements govern what the code may do (libraries and tests run inside something else). */
export function isExecutableProduct(target: XcodeTarget): boolean {
  const rank = targetRank(target);
  return rank <= 2;
}

/** Apps that embed system extension `target`, or the system extensions app `target` embeds. */
export function partnersOf(project: XcodeProject, target: XcodeTarget): { target: XcodeTarget; role: 'host-app' | 'system-extension' }[] {
  const embeds = (host: XcodeTarget, ext: XcodeTarget) => host.dependencies.includes(ext.id) || (ext.productRef !== undefined && host.embeddedRefs.includes(ext.productRef));
  if (target.productType === SYSTEM_EXTENSION) {
    return project.targets.filter((t) => t !== target && targetRank(t) === 0 && embeds(t, target)).map((t) => ({ target: t, role: 'host-app' as const }));
  }
  if (targetRank(target) === 0) {
    return project.targets.filter((t) => t.productType === SYSTEM_EXTENSION && embeds(target, t)).map((t) => ({ target: t, role: 'system-extension' as const }));
  }
  return [];
}

// ── Edits ─────────────────────────────────────────────────────────────────────────────────────────

function quoteSetting(value: string): string {
  return /^[A-Za-z0-9_$/:.-]+$/.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Adds `key = value;` to a buildSettings dictionary, in Xcode's alphabetical order and indentation. */
export function addBuildSettingEdit(project: XcodeProject, settings: OsDict, key: string, value: string): SuggestionEdit {
  const text = project.text;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const line = `${key} = ${quoteSetting(value)};`;
  const entries = [...settings.entries.values()].sort((a, b) => a.keyStart - b.keyStart);
  const indentOf = (offset: number) => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', offset - 1) + 1))![0];
  const next = entries.find((e) => e.key.localeCompare(key) > 0);
  if (next) {
    const lineStart = text.lastIndexOf('\n', next.keyStart - 1) + 1;
    return { file: project.file, startIndex: lineStart, endIndex: lineStart, text: `${indentOf(next.keyStart)}${line}${eol}` };
  }
  const last = entries[entries.length - 1];
  if (last) return { file: project.file, startIndex: last.end, endIndex: last.end, text: `${eol}${indentOf(last.keyStart)}${line}` };
  const indent = indentOf(settings.start);
  return { file: project.file, startIndex: settings.start + 1, endIndex: settings.end - 1, text: `${eol}${indent}\t${line}${eol}${indent}` };
}

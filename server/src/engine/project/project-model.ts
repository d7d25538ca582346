// The project model: finds the Xcode target (or, without a project, the nearest Info.plist) a source file
// belongs to and answers ProjectFacts for it; tells project-file rules which configurations use a plist.
// Everything read is cached until clear(); editors overlay unsaved texts with setOverlay().
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlistDocument, ProjectFileUsage } from '../../rules/project-file-rule';
import type { ApplePlatform, ProjectFacts, RelatedLocation, SuggestionEdit } from '../../rules/rule';
import { addArrayItemEdit, addDictEntryEdit, dictEntry, stringItems } from '../../rules/syntax/plist';
import { LineIndex } from '../line-index';
import type { OsDict, OsEntry } from './openstep';
import {
  addBuildSettingEdit, configurationPlatforms, infoKeySettings, isExecutableProduct, membership, parsePbxproj, partnersOf,
  settingPath, targetRank, type XcodeBuildConfiguration, type XcodeProject, type XcodeTarget,
} from './pbxproj';
import { plainValue, readPlistBytes, readPlistText, rootDict, type PlistReadResult } from './plist';

/** Files larger than this are not read as project files. */
const MAX_PROJECT_FILE_SIZE = 16 * 1024 * 1024;

/** One build configuration's view of a target: its Info.plist, INFOPLIST_KEY_* settings and entitlements. */
export interface ConfigurationSource {
  name: string;
  infoPlist?: PlistDocument;
  /** INFOPLIST_KEY_* build settings (with where they are written, computed when asked). */
  buildKeys: Map<string, { value: unknown; location: () => RelatedLocation }>;
  entitlements?: PlistDocument;
  /** For INFOPLIST_KEY_ edits and locations in the project file. */
  project?: XcodeProject;
  buildSettings?: OsDict;
  /** GENERATE_INFOPLIST_FILE = YES: Info keys may be added as build settings. */
  generatesInfoPlist?: boolean;
}

const ZERO = { line: 0, character: 0 };

/** Line indexes of the (large) texts locations point into, one per document or project object. */
const lineIndexes = new WeakMap<object, LineIndex>();

function rangeIn(owner: PlistDocument | XcodeProject, start: number, end: number): RelatedLocation['range'] {
  if (owner.text === undefined) return { start: ZERO, end: ZERO };
  let lines = lineIndexes.get(owner);
  if (!lines) {
    lines = new LineIndex(owner.text);
    lineIndexes.set(owner, lines);
  }
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

function plistLocation(document: PlistDocument, key: string | undefined, message: string): RelatedLocation {
  const entry = key ? dictEntry(rootDict(document), key) : undefined;
  const span = entry?.keyRange ? { startIndex: entry.keyRange.startIndex, endIndex: entry.value.range?.endIndex ?? entry.keyRange.endIndex }
    : rootOpenTag(document);
  return { file: document.file, range: span ? rangeIn(document, span.startIndex, span.endIndex) : { start: ZERO, end: ZERO }, message };
}

/** The `<dict>` opening tag of the root dictionary (where a missing key would go). */
function rootOpenTag(document: PlistDocument): { startIndex: number; endIndex: number } | undefined {
  const root = rootDict(document);
  if (!root?.range || document.text === undefined) return undefined;
  const close = document.text.indexOf('>', root.range.startIndex);
  return { startIndex: root.range.startIndex, endIndex: close < 0 ? root.range.endIndex : close + 1 };
}

function projectLocation(project: XcodeProject, entry: OsEntry | undefined, settings: OsDict | undefined, message: string): RelatedLocation {
  const start = entry?.keyStart ?? settings?.start ?? 0;
  const end = entry?.end ?? (settings ? settings.start + 1 : 0);
  return { file: project.file, range: rangeIn(project, start, end), message };
}

/** ProjectFacts over every build configuration of one target: a key counts as present only when all have it. */
export class TargetFacts implements ProjectFacts {
  readonly platforms: ReadonlySet<ApplePlatform>;

  constructor(readonly target: string, readonly source: 'xcode-project' | 'info-plist', platforms: Iterable<ApplePlatform>,
    readonly configurations: readonly ConfigurationSource[]) {
    this.platforms = new Set(platforms);
  }

  private infoKeysOf(config: ConfigurationSource): Set<string> {
    const keys = new Set(config.buildKeys.keys());
    for (const entry of rootDict(config.infoPlist)?.entries ?? []) keys.add(entry.key);
    return keys;
  }

  infoKeys(): ReadonlySet<string> {
    const sets = this.configurations.map((c) => this.infoKeysOf(c));
    if (sets.length === 0) return new Set();
    return new Set([...sets[0]].filter((k) => sets.every((s) => s.has(k))));
  }

  infoValue(key: string): unknown {
    for (const config of this.configurations) {
      const entry = dictEntry(rootDict(config.infoPlist), key);
      if (entry) return plainValue(entry.value);
      if (config.buildKeys.has(key)) return config.buildKeys.get(key)!.value;
    }
    return undefined;
  }

  entitlementKeys(): ReadonlySet<string> | undefined {
    if (this.configurations.every((c) => !c.entitlements)) return undefined;
    const sets = this.configurations.map((c) => new Set((rootDict(c.entitlements)?.entries ?? []).map((e) => e.key)));
    return new Set([...sets[0]].filter((k) => sets.every((s) => s.has(k))));
  }

  entitlementValue(key: string): unknown {
    for (const config of this.configurations) {
      const entry = dictEntry(rootDict(config.entitlements), key);
      if (entry) return plainValue(entry.value);
    }
    return undefined;
  }

  /** `target App`, with the configuration's name when configurations differ in `fileOf`. */
  private where(config: ConfigurationSource, fileOf: (c: ConfigurationSource) => string | undefined): string {
    if (this.source !== 'xcode-project') return this.target;
    const differ = new Set(this.configurations.map(fileOf)).size > 1;
    return `target ${this.target}${differ ? ` (${config.name})` : ''}`;
  }

  infoPlistLocation(key?: string): RelatedLocation | undefined {
    const lacking = key ? this.configurations.find((c) => !this.infoKeysOf(c).has(key)) : undefined;
    const config = lacking ?? this.configurations[0];
    if (!config) return undefined;
    const has = key !== undefined && !lacking;
    if (config.infoPlist && (!key || dictEntry(rootDict(config.infoPlist), key) || !config.buildKeys.has(key))) {
      const where = this.where(config, (c) => c.infoPlist?.file);
      const message = has ? `${key} in the Info.plist of ${where}` : `the Info.plist of ${where}${key ? ` has no ${key}` : ''}`;
      return plistLocation(config.infoPlist, has ? key : undefined, message);
    }
    if (config.project) {
      const where = this.where(config, (c) => c.name);
      const entry = key ? config.buildKeys.get(key) : undefined;
      if (entry) return { ...entry.location(), message: `INFOPLIST_KEY_${key} of ${where}` };
      return projectLocation(config.project, undefined, config.buildSettings,
        `the build settings of ${where} (no Info.plist file; Info keys are INFOPLIST_KEY_* settings)${key ? ` have no ${key}` : ''}`);
    }
    return undefined;
  }

  entitlementsLocation(key?: string): RelatedLocation | undefined {
    const lacking = key ? this.configurations.find((c) => !dictEntry(rootDict(c.entitlements), key)) : undefined;
    const config = lacking ?? this.configurations[0];
    if (!config) return undefined;
    const where = this.where(config, (c) => c.entitlements?.file);
    if (config.entitlements) {
      const has = key !== undefined && !lacking;
      return plistLocation(config.entitlements, has ? key : undefined,
        has ? `${key} in the entitlements of ${where}` : `the entitlements of ${where}${key ? ` have no ${key}` : ''}`);
    }
    if (config.project) {
      return projectLocation(config.project, undefined, config.buildSettings, `${where} has no entitlements file (CODE_SIGN_ENTITLEMENTS)`);
    }
    return undefined;
  }

  addInfoStringEdits(key: string, value: string): SuggestionEdit[] | undefined {
    const edits: SuggestionEdit[] = [];
    const seen = new Set<string>();
    for (const config of this.configurations) {
      if (this.infoKeysOf(config).has(key)) continue;
      let edit: SuggestionEdit | undefined;
      if (config.infoPlist) {
        if (seen.has(config.infoPlist.file)) continue;
        seen.add(config.infoPlist.file);
        const root = rootDict(config.infoPlist);
        edit = root && addDictEntryEdit(config.infoPlist, root, key, value);
      } else if (config.project && config.buildSettings && config.generatesInfoPlist) {
        edit = addBuildSettingEdit(config.project, config.buildSettings, `INFOPLIST_KEY_${key}`, value);
      }
      if (!edit) return undefined;
      edits.push(edit);
    }
    return edits.length ? edits : undefined;
  }

  addInfoArrayItemEdits(key: string, items: string[]): SuggestionEdit[] | undefined {
    const edits: SuggestionEdit[] = [];
    const seen = new Set<string>();
    for (const config of this.configurations) {
      const document = config.infoPlist;
      if (!document) return undefined;
      if (seen.has(document.file)) continue;
      seen.add(document.file);
      const root = rootDict(document);
      if (!root) return undefined;
      const entry = dictEntry(root, key);
      let edit: SuggestionEdit | undefined;
      if (!entry) edit = addDictEntryEdit(document, root, key, items);
      else if (entry.value.type !== 'array') return undefined;
      else {
        const present = new Set(stringItems(entry.value).map((s) => s.value));
        const missing = items.filter((i) => !present.has(i));
        if (missing.length === 0) continue;
        edit = addArrayItemEdit(document, entry.value, missing);
      }
      if (!edit) return undefined;
      edits.push(edit);
    }
    return edits.length ? edits : undefined;
  }
}

/** Platform hints in an Info.plist, for files without an Xcode project. */
export function platformsFromInfoPlist(document: PlistDocument | undefined): ApplePlatform[] {
  const root = rootDict(document);
  if (!root) return [];
  const out = new Set<ApplePlatform>();
  const names: Record<string, ApplePlatform> = { iphoneos: 'ios', macosx: 'macos', appletvos: 'tvos', xros: 'visionos', watchos: 'watchos' };
  for (const { value } of stringItems(dictEntry(root, 'CFBundleSupportedPlatforms')?.value)) {
    const platform = names[value.toLowerCase()];
    if (platform) out.add(platform);
  }
  if (out.size) return [...out];
  const has = (key: string) => dictEntry(root, key) !== undefined;
  if (['LSRequiresIPhoneOS', 'UIDeviceFamily', 'UILaunchStoryboardName', 'UILaunchScreen', 'UIApplicationSceneManifest', 'UISupportedInterfaceOrientations', 'UIRequiredDeviceCapabilities'].some(has)) out.add('ios');
  const principal = dictEntry(root, 'NSPrincipalClass')?.value;
  if (has('LSMinimumSystemVersion') || (principal?.type === 'string' && principal.value === 'NSApplication')) out.add('macos');
  return [...out];
}

export interface ProjectModelOptions {
  /** Reads a file's bytes; undefined when missing (default: the file system, with a size limit). */
  readFile?: (file: string) => Uint8Array | undefined;
  /** Lists a folder's entries; undefined when it cannot be read (default: the file system). */
  listDir?: (dir: string) => { name: string; isDirectory: boolean }[] | undefined;
}

interface FoundProject { project?: XcodeProject; error?: string; file: string }

export class ProjectModel {
  private readonly overlays = new Map<string, string>();
  private readonly plists = new Map<string, PlistReadResult | undefined>();
  private readonly projects = new Map<string, FoundProject>();
  private readonly listings = new Map<string, { name: string; isDirectory: boolean }[] | undefined>();
  private readonly facts = new Map<string, ProjectFacts | undefined>();
  private readonly targets = new Map<XcodeTarget, TargetFacts | undefined>();
  private readonly readFile: (file: string) => Uint8Array | undefined;
  private readonly listDir: (dir: string) => { name: string; isDirectory: boolean }[] | undefined;

  constructor(options: ProjectModelOptions = {}) {
    this.readFile = options.readFile ?? ((file) => {
      try {
        const stat = fs.statSync(file);
        return stat.isFile() && stat.size <= MAX_PROJECT_FILE_SIZE ? fs.readFileSync(file) : undefined;
      } catch {
        return undefined;
      }
    });
    this.listDir = options.listDir ?? ((dir) => {
      try {
        return fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
      } catch {
        return undefined;
      }
    });
  }

  /** Forgets everything read (a watched project file changed). */
  clear(): void {
    this.plists.clear();
    this.projects.clear();
    this.listings.clear();
    this.facts.clear();
    this.targets.clear();
  }

  /** Uses `text` instead of the file on disk (an editor's unsaved document); undefined removes the overlay. */
  setOverlay(file: string, text: string | undefined): void {
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, text);
    // Only this file changed: keep the other parsed files and folder listings.
    this.plists.delete(file);
    this.projects.delete(file);
    this.facts.clear();
    this.targets.clear();
  }

  /** A property list (cached); undefined when the file does not exist. */
  plist(file: string): PlistReadResult | undefined {
    if (this.plists.has(file)) return this.plists.get(file);
    const overlay = this.overlays.get(file);
    let result: PlistReadResult | undefined;
    if (overlay !== undefined) result = readPlistText(file, overlay);
    else {
      const bytes = this.readFile(file);
      result = bytes ? readPlistBytes(file, bytes) : undefined;
    }
    this.plists.set(file, result);
    return result;
  }

  private plistDocument(file: string): PlistDocument | undefined {
    const read = this.plist(file);
    return read?.ok ? read.document : undefined;
  }

  private list(dir: string) {
    if (!this.listings.has(dir)) this.listings.set(dir, this.listDir(dir));
    return this.listings.get(dir);
  }

  private project(file: string): FoundProject {
    let found = this.projects.get(file);
    if (!found) {
      const overlay = this.overlays.get(file);
      const bytes = overlay === undefined ? this.readFile(file) : undefined;
      const text = overlay ?? (bytes ? new TextDecoder('utf-8').decode(bytes) : undefined);
      if (text === undefined) found = { file, error: 'cannot read the project file' };
      else {
        const parsed = parsePbxproj(file, text);
        found = parsed.ok ? { file, project: parsed.project } : { file, error: `${parsed.message} at offset ${parsed.index}` };
      }
      this.projects.set(file, found);
    }
    return found;
  }

  /** Folders from `dir` up to the repository root (the first folder with `.git`) or the file-system root. */
  private *foldersUp(dir: string): Generator<string> {
    let current = path.resolve(dir);
    for (let i = 0; i < 64; i++) {
      yield current;
      if (this.list(current)?.some((e) => e.name === '.git')) return;
      const parent = path.dirname(current);
      if (parent === current) return;
      current = parent;
    }
  }

  /** Xcode projects found up the folders from `dir`, nearest first. */
  projectsAbove(dir: string): FoundProject[] {
    const out: FoundProject[] = [];
    for (const folder of this.foldersUp(dir)) {
      for (const entry of this.list(folder) ?? []) {
        if (entry.isDirectory && entry.name.toLowerCase().endsWith('.xcodeproj')) out.push(this.project(path.join(folder, entry.name, 'project.pbxproj')));
      }
    }
    return out;
  }

  /** Facts of the target a source file belongs to; undefined when its configuration cannot be found. */
  factsFor(file: string): ProjectFacts | undefined {
    const absolute = path.resolve(file);
    if (!this.facts.has(absolute)) this.facts.set(absolute, this.computeFacts(absolute));
    return this.facts.get(absolute);
  }

  private computeFacts(file: string): ProjectFacts | undefined {
    const projects = this.projectsAbove(path.dirname(file)).filter((p) => p.project);
    if (projects.length > 0) {
      let best: { project: XcodeProject; target: XcodeTarget; strength: number } | undefined;
      const better = (a: { project: XcodeProject; target: XcodeTarget; strength: number }, b: typeof best) => {
        if (!b) return true;
        if (a.strength !== b.strength) return a.strength > b.strength;
        const rank = targetRank(a.target) - targetRank(b.target);
        if (rank !== 0) return rank < 0;
        const iosA = this.targetPlatforms(a.target).some((p) => p !== 'macos') ? 0 : 1;
        const iosB = this.targetPlatforms(b.target).some((p) => p !== 'macos') ? 0 : 1;
        return iosA !== iosB ? iosA < iosB : a.target.name < b.target.name;
      };
      for (const { project } of projects) {
        for (const target of project!.targets) {
          const strength = membership(target, file);
          if (strength === 0 || !isExecutableProduct(target)) continue;
          const candidate = { project: project!, target, strength };
          if (better(candidate, best)) best = candidate;
        }
      }
      // Xcode projects exist but no app or extension target builds this file: stay silent.
      return best ? this.targetFacts(best.project, best.target) : undefined;
    }
    return this.nearestInfoPlistFacts(file);
  }

  private targetPlatforms(target: XcodeTarget): ApplePlatform[] {
    return [...new Set(target.configurations.flatMap(configurationPlatforms))];
  }

  /** Facts for one target; undefined when a configuration names an Info.plist or entitlements file we cannot read. */
  targetFacts(project: XcodeProject, target: XcodeTarget): TargetFacts | undefined {
    if (!this.targets.has(target)) this.targets.set(target, this.computeTargetFacts(project, target));
    return this.targets.get(target);
  }

  private computeTargetFacts(project: XcodeProject, target: XcodeTarget): TargetFacts | undefined {
    const configurations: ConfigurationSource[] = [];
    for (const config of target.configurations) {
      const source = this.configurationSource(project, target, config);
      if (!source) return undefined;
      configurations.push(source);
    }
    if (configurations.length === 0) return undefined;
    return new TargetFacts(target.name, 'xcode-project', this.targetPlatforms(target), configurations);
  }

  private configurationSource(project: XcodeProject, target: XcodeTarget, config: XcodeBuildConfiguration): ConfigurationSource | undefined {
    const infoFile = settingPath(project, target, config, 'INFOPLIST_FILE');
    const entitlementsFile = settingPath(project, target, config, 'CODE_SIGN_ENTITLEMENTS');
    if ((config.settings.get('INFOPLIST_FILE') && !infoFile) || (config.settings.get('CODE_SIGN_ENTITLEMENTS') && !entitlementsFile)) return undefined;
    const infoPlist = infoFile ? this.plistDocument(infoFile) : undefined;
    const entitlements = entitlementsFile ? this.plistDocument(entitlementsFile) : undefined;
    if ((infoFile && !infoPlist) || (entitlementsFile && !entitlements)) return undefined;
    const buildKeys = new Map<string, { value: unknown; location: () => RelatedLocation }>();
    for (const [key, { value, entry }] of infoKeySettings(config)) {
      buildKeys.set(key, { value, location: () => projectLocation(project, entry, undefined, `INFOPLIST_KEY_${key}`) });
    }
    const generatesInfoPlist = (config.settings.get('GENERATE_INFOPLIST_FILE') ?? '').toUpperCase() === 'YES';
    if (!infoPlist && !generatesInfoPlist) return undefined;
    return { name: config.name, infoPlist, buildKeys, entitlements, project, buildSettings: config.buildSettings, generatesInfoPlist };
  }

  /** Without an Xcode project: the nearest Info.plist up the folders, and an entitlements file beside it if it is the only one. */
  private nearestInfoPlistFacts(file: string): ProjectFacts | undefined {
    for (const folder of this.foldersUp(path.dirname(file))) {
      const entries = this.list(folder) ?? [];
      const plists = entries.filter((e) => !e.isDirectory && /(^|[-_.])info\.plist$/i.test(e.name));
      const chosen = plists.find((e) => e.name.toLowerCase() === 'info.plist') ?? (plists.length === 1 ? plists[0] : undefined);
      if (!chosen) continue;
      const infoPlist = this.plistDocument(path.join(folder, chosen.name));
      if (!infoPlist) return undefined;
      const entitlementFiles = entries.filter((e) => !e.isDirectory && e.name.toLowerCase().endsWith('.entitlements'));
      const entitlements = entitlementFiles.length === 1 ? this.plistDocument(path.join(folder, entitlementFiles[0].name)) : undefined;
      const source: ConfigurationSource = { name: 'default', infoPlist, buildKeys: new Map(), entitlements };
      return new TargetFacts(path.basename(folder), 'info-plist', platformsFromInfoPlist(infoPlist), [source]);
    }
    return undefined;
  }

  /** The build configurations that use a plist as their Info.plist or entitlements, and whether a project was found at all. */
  usagesOf(file: string): { usages: ProjectFileUsage[]; inXcodeProject: boolean } {
    const absolute = path.resolve(file);
    const projects = this.projectsAbove(path.dirname(absolute));
    const usages: ProjectFileUsage[] = [];
    for (const { project } of projects) {
      if (!project) continue;
      for (const target of project.targets) {
        for (const config of target.configurations) {
          const uses = [settingPath(project, target, config, 'INFOPLIST_FILE'), settingPath(project, target, config, 'CODE_SIGN_ENTITLEMENTS')].includes(absolute);
          if (!uses) continue;
          usages.push({
            target: target.name,
            configuration: config.name,
            platforms: configurationPlatforms(config),
            productType: target.productType,
            signingIdentity: signingIdentity(config),
            partners: partnersOf(project, target).map(({ target: partner, role }) => {
              const partnerConfig = partner.configurations.find((c) => c.name === config.name) ?? partner.configurations[0];
              return { target: partner.name, role, entitlementsFile: partnerConfig && settingPath(project, partner, partnerConfig, 'CODE_SIGN_ENTITLEMENTS') };
            }),
          });
        }
      }
    }
    return { usages, inXcodeProject: projects.length > 0 };
  }
}

/** CODE_SIGN_IDENTITY for macOS builds (`CODE_SIGN_IDENTITY[sdk=macosx*]` wins), as written. */
function signingIdentity(config: XcodeBuildConfiguration): string | undefined {
  for (const [key, value] of config.settings) {
    if (/^CODE_SIGN_IDENTITY\[sdk=macosx[^\]]*\]$/.test(key)) return value;
  }
  return config.settings.get('CODE_SIGN_IDENTITY');
}

/** Builds facts for a made-up target from plist texts (rule examples and tests). */
export function factsFromTexts(texts: { infoPlist?: string; entitlements?: string; platforms?: ApplePlatform[]; folder?: string }): ProjectFacts {
  const folder = texts.folder ?? '/example';
  const read = (name: string, text: string): PlistDocument => {
    const result = readPlistText(path.join(folder, name), text);
    if (!result.ok) throw new Error(`example ${name}: ${result.message}`);
    return result.document;
  };
  const infoPlist = read('Info.plist', texts.infoPlist ?? '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n</dict>\n</plist>\n');
  const entitlements = texts.entitlements === undefined ? undefined : read('App.entitlements', texts.entitlements);
  return new TargetFacts('Example', 'xcode-project', texts.platforms ?? [], [{ name: 'Debug', infoPlist, buildKeys: new Map(), entitlements }]);
}


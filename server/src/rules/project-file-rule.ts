// The second rule kind: rules over project files (Info.plist, .entitlements) instead of source code.
// The property-list model below is the contract; the engine's parsers (engine/project/) produce it.
import type { ApplePlatform, ReportDescriptor, RuleMeta } from './rule';

/** UTF-16 offsets into the file's text (XML property lists only; binary ones have no text). */
export interface PlistRange {
  startIndex: number;
  endIndex: number;
}

interface PlistBase {
  /** The whole element, `<dict>…</dict>`, `<string>x</string>`, `<true/>`; absent for binary plists. */
  range?: PlistRange;
}

export interface PlistDict extends PlistBase {
  type: 'dict';
  entries: PlistEntry[];
}

export interface PlistEntry {
  key: string;
  /** The `<key>…</key>` element. */
  keyRange?: PlistRange;
  value: PlistValue;
}

export interface PlistArray extends PlistBase {
  type: 'array';
  items: PlistValue[];
}

export interface PlistString extends PlistBase { type: 'string'; value: string }
export interface PlistBoolean extends PlistBase { type: 'boolean'; value: boolean }
export interface PlistNumber extends PlistBase { type: 'integer' | 'real'; value: number }
/** `<date>`, `<data>` (base64 text as written) and binary-only types (UID), kept as text. */
export interface PlistOther extends PlistBase { type: 'date' | 'data' | 'uid'; value: string }

export type PlistValue = PlistDict | PlistArray | PlistString | PlistBoolean | PlistNumber | PlistOther;

export interface PlistDocument {
  /** Absolute path. */
  file: string;
  format: 'xml' | 'binary';
  /** The text of an XML plist (offsets in ranges refer to it). */
  text?: string;
  root: PlistValue;
}

/** What a project file is, by name: `*.entitlements` or any other `*.plist`. */
export type ProjectFileKind = 'info-plist' | 'entitlements';

/** One build configuration of an Xcode target that uses the project file being checked. */
export interface ProjectFileUsage {
  target: string;
  /** `Debug`, `Release`, … */
  configuration: string;
  /** Platforms the target builds for; empty when unknown. */
  platforms: ApplePlatform[];
  /** `com.apple.product-type.application`, `…system-extension`, `…app-extension`, … */
  productType?: string;
  /** CODE_SIGN_IDENTITY as written (`Apple Development`, `Developer ID Application`, `-`). */
  signingIdentity?: string;
  /** Targets tied to this one by embedding: the app that embeds a system extension, or the extensions an app embeds. */
  partners: ProjectFilePartner[];
}

export interface ProjectFilePartner {
  target: string;
  role: 'host-app' | 'system-extension';
  /** The partner's entitlements file for the same configuration (absolute path), if it has one. */
  entitlementsFile?: string;
}

export interface ProjectFileContext {
  readonly kind: ProjectFileKind;
  readonly document: PlistDocument;
  /** The build configurations that use this file; empty when no Xcode project references it. */
  readonly usages: readonly ProjectFileUsage[];
  /** True when an Xcode project was found above the file (whether or not it references the file). */
  readonly inXcodeProject: boolean;
  /** Reads another property list (a partner's entitlements); undefined when missing or unreadable. */
  plist(file: string): PlistDocument | undefined;
  /** `range` (offsets into document.text) and suggestions as for source rules; `node` is not used. */
  report(descriptor: ReportDescriptor): void;
}

/** A plist snippet with ⟦markers⟧ and the project context it is checked in. */
export type ProjectFileExample = string | {
  code: string;
  /** Defaults to the rule's first kind. */
  kind?: ProjectFileKind;
  /** File name (default `Info.plist` or `App.entitlements`); examples live in a virtual folder. */
  file?: string;
  /** Build configurations that use the file; partners' `entitlementsFile` names a key of `files`. */
  usages?: ProjectFileUsage[];
  /** Other files of the virtual folder, by name (partners' entitlements). */
  files?: Record<string, string>;
  /** Defaults to true when `usages` is given. */
  inXcodeProject?: boolean;
  messages?: string[];
  note?: string;
  /** The text after applying the first suggestion of every finding. */
  output?: string;
};

export interface ProjectFileRuleDefinition extends RuleMeta {
  kind: 'project-file';
  /** Which project files the rule reads. */
  files: ProjectFileKind[];
  check(context: ProjectFileContext): void;
  examples: { invalid: ProjectFileExample[]; valid: ProjectFileExample[] };
}

/** Identity function that gives project-file rule files type checking and one recognisable shape. */
export function defineProjectFileRule(rule: Omit<ProjectFileRuleDefinition, 'kind'>): ProjectFileRuleDefinition {
  return { kind: 'project-file', ...rule };
}

/** The kind of a project file from its name; undefined for files the project-file rules do not read. */
export function projectFileKind(filePath: string): ProjectFileKind | undefined {
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.entitlements')) return 'entitlements';
  if (lower.endsWith('.plist')) return 'info-plist';
  return undefined;
}

// Loads web-tree-sitter and the grammar wasm files once, lazily, per grammar.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';
import type { GrammarId } from './languages';

const WASM_FILES: Record<GrammarId, string> = {
  swift: 'tree-sitter-swift.wasm',
  objc: 'tree-sitter-objc.wasm',
  c: 'tree-sitter-c.wasm',
};

/** Thrown when a grammar file is missing or cannot be loaded; the message says how to fix it. */
export class GrammarLoadError extends Error {}

/**
 * Finds the folder that holds the grammar wasm files: $NETADVISOR_GRAMMARS, the bundle's own folder
 * (dist/grammars), or the repository's grammars/ built by `npm run grammars`.
 */
export function findGrammarDirectory(start: string = __dirname): string {
  const fromEnv = process.env.NETADVISOR_GRAMMARS;
  if (fromEnv) return fromEnv;
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'grammars');
    if (fs.existsSync(path.join(candidate, WASM_FILES.swift))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(start, 'grammars');
}

let runtime: Promise<void> | undefined;

/**
 * Keep grammar code on V8's baseline wasm compiler. The Swift grammar's lexer is one enormous function:
 * optimising it takes V8 tens of CPU seconds in background threads at every process start (and a process
 * cannot exit until that finishes), while baseline code parses 5,000 lines in well under the 300 ms budget.
 * Measured in bench/ (`npm run bench`); must run before the first wasm module is compiled.
 */
function useBaselineWasmCompiler(): void {
  if (process.env.NETADVISOR_WASM_OPTIMIZE !== '1') v8.setFlagsFromString('--liftoff-only');
}

/** Grammar registry: one Language per grammar, loaded on first use and shared. */
export class Grammars {
  private readonly loaded = new Map<GrammarId, Promise<Language>>();
  private readonly ready = new Map<GrammarId, Language>();

  constructor(readonly directory: string = findGrammarDirectory()) {}

  /** Loads a grammar (once). Rejects with GrammarLoadError naming the file when it cannot. */
  load(id: GrammarId): Promise<Language> {
    let pending = this.loaded.get(id);
    if (!pending) {
      pending = this.doLoad(id);
      this.loaded.set(id, pending);
      // A failed load may be retried later (for example after `npm run grammars`).
      pending.catch(() => this.loaded.delete(id));
    }
    return pending;
  }

  /** The grammar if it is already loaded; analysis is synchronous once this returns a value. */
  get(id: GrammarId): Language | undefined {
    return this.ready.get(id);
  }

  private async doLoad(id: GrammarId): Promise<Language> {
    const file = path.join(this.directory, WASM_FILES[id]);
    if (!fs.existsSync(file)) {
      throw new GrammarLoadError(`grammar file ${file} is missing; run \`npm run grammars\` (or reinstall the extension)`);
    }
    if (!runtime) useBaselineWasmCompiler();
    runtime ??= Parser.init({
      locateFile: (name: string) => {
        const local = path.join(this.directory, name);
        return fs.existsSync(local) ? local : name;
      },
    });
    await runtime;
    try {
      const language = await Language.load(file);
      this.ready.set(id, language);
      return language;
    } catch (err) {
      throw new GrammarLoadError(`cannot load grammar ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

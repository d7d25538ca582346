// .netadvisor.json resolution: nearest file wins, extends, comments, globs, and clear errors for broken files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigResolver, isExcluded } from '../../server/src/engine/config/resolve';
import { ConfigError } from '../../server/src/engine/config/types';
import { tempProject } from '../helpers/temp-project';

describe('configuration files', () => {
  const roots: string[] = [];
  const project = (files: Record<string, string>) => { const r = tempProject(files); roots.push(r); return r; };
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it('uses the nearest .netadvisor.json up the folders, with comments allowed', () => {
    const root = project({
      '.netadvisor.json': '{ "rules": { "mpc-framework-use": "off" } }',
      'App/.netadvisor.json': '// app target\n{ "rules": { "nw-force-cancel": "warning", }, /* trailing comma ok */ }',
      'App/Sources/A.swift': '',
      'Lib/B.swift': '',
    });
    const resolver = new ConfigResolver();
    const app = resolver.forFile(path.join(root, 'App/Sources/A.swift'));
    assert.equal(app.file, path.join(root, 'App/.netadvisor.json'));
    assert.deepEqual(app.rules, { 'nw-force-cancel': 'warning' });
    assert.deepEqual(resolver.forFile(path.join(root, 'Lib/B.swift')).rules, { 'mpc-framework-use': 'off' });
  });

  it('extends one other file, own settings winning, paths staying relative to their own file', () => {
    const root = project({
      'shared/base.json': '{ "rules": { "a": "off", "b": "error" }, "exclude": ["Vendor/**"], "baseline": "base-baseline.json" }',
      'app/.netadvisor.json': '{ "extends": "../shared/base.json", "rules": { "b": "hint" } }',
      'app/X.swift': '',
    });
    const config = new ConfigResolver().forFile(path.join(root, 'app/X.swift'));
    assert.deepEqual(config.rules, { a: 'off', b: 'hint' });
    assert.deepEqual(config.exclude, ['../shared/Vendor/**']);
    assert.equal(config.baseline, path.join(root, 'shared/base-baseline.json'));
  });

  it('include and exclude globs are relative to the config folder', () => {
    const root = project({ '.netadvisor.json': '{ "include": ["Sources/**"], "exclude": ["Sources/Generated/**"] }' });
    const config = new ConfigResolver().forFile(path.join(root, 'Sources/A.swift'));
    assert.equal(isExcluded(config, path.join(root, 'Sources/A.swift')), false);
    assert.equal(isExcluded(config, path.join(root, 'Sources/Generated/B.swift')), true);
    assert.equal(isExcluded(config, path.join(root, 'Tests/C.swift')), true);
  });

  for (const [name, text, message] of [
    ['broken JSON', '{ "rules": { "a": "off" ', /\.netadvisor\.json: invalid JSON at line 1: /],
    ['an unknown setting', '{ "rulez": {} }', /unknown setting "rulez"/],
    ['a bad severity', '{ "rules": { "mpc-framework-use": "loud" } }', /rules\.mpc-framework-use: must be one of off, hint, info/],
    ['a wrong type', '{ "maxFileSize": "big" }', /maxFileSize: must be integer/],
    ['a missing extends target', '{ "extends": "nope.json" }', /"extends" names nope\.json, which does not exist/],
  ] as const) {
    it(`names the file and the problem for ${name}`, () => {
      const root = project({ '.netadvisor.json': text });
      assert.throws(() => new ConfigResolver().forFile(path.join(root, 'A.swift')), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.ok(err.message.startsWith(path.join(root, '.netadvisor.json')), err.message);
        assert.match(err.message, message);
        return true;
      });
    });
  }

  it('defaults apply when there is no configuration file', () => {
    const root = project({ 'A.swift': '' });
    const config = new ConfigResolver().forFile(path.join(root, 'A.swift'));
    assert.deepEqual({ rules: config.rules, exclude: config.exclude, maxFileSize: config.maxFileSize, requireReason: config.requireReason },
      { rules: {}, exclude: [], maxFileSize: 5 * 1024 * 1024, requireReason: false });
  });
});

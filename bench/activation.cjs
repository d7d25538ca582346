// Extension activation with a stub `vscode` API: load time of dist/extension.js, activate() until it returns, and the
// background work it queued (the language client library) until the event loop is free. `node bench/activation.cjs`.
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

/** A stand-in for any vscode API object: every property is another stub, callable and constructible. */
function stub() {
  return new Proxy(function () {}, {
    get(target, prop) {
      if (prop === 'then') return undefined; // not a thenable
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === Symbol.iterator) return function* () {};
      if (!(prop in target)) target[prop] = stub();
      return target[prop];
    },
    apply: () => stub(),
    construct: () => stub(),
  });
}

// The module's top-level names, from the API's own type declarations (esbuild copies them into its namespace object).
const declarations = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [root] }), 'utf8');
const vscode = { version: '1.100.0' };
for (const [, name] of declarations.matchAll(/^\s{0,8}export (?:class|namespace|enum|function|const|let) (\w+)/gm)) vscode[name] ??= stub();
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };

const started = performance.now();
const extension = require(path.join(root, 'dist', 'extension.js'));
const loaded = performance.now();
const context = { subscriptions: [], asAbsolutePath: (p) => path.join(root, p), extensionUri: stub(), extensionPath: root };
const result = extension.activate(context);
const activated = performance.now();
Promise.resolve(result).then(() => setImmediate(() => {
  const idle = performance.now();
  process.stdout.write(`${JSON.stringify({ loadMs: loaded - started, activateMs: activated - loaded, backgroundMs: idle - activated })}\n`);
  process.exit(0);
}));

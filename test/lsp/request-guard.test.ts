// Requests are cancelled on $/cancelRequest, abandoned after their time budget, and a handler that throws answers an error (server keeps going).
import * as assert from 'node:assert/strict';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { RequestGuard } from '../../server/src/lsp/request-guard';
import { LspSession } from '../helpers/lsp-session';

const REQUEST_CANCELLED = -32800;
const SERVER_CANCELLED = -32802;
const INTERNAL_ERROR = -32603;

const URI = 'file:///work/guard/Chat.swift';
const SOURCE = 'import MultipeerConnectivity\nlet session = MCSession(peer: me, securityIdentity: nil, encryptionPreference: .optional)\n';
const HOVER = { textDocument: { uri: URI }, position: { line: 1, character: 16 } };

/** Resolves with the ResponseError a request was answered with; fails when it was answered with a result. */
async function responseError(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    const result = await request;
    assert.fail(`expected an error response, got ${JSON.stringify(result)?.slice(0, 200)}`);
  } catch (err) {
    if (!(err instanceof ResponseError)) throw err;
    return err;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('request guard over stdio', function () {
  this.timeout(30000);

  describe('cancellation ($/cancelRequest)', () => {
    const DELAY_MS = 10000;
    let session: LspSession;
    before(async () => {
      // Test-only: each request waits 10 s before its handler runs, so the cancellation always arrives first.
      session = await LspSession.start({ testOnlyRequestDelayMs: DELAY_MS });
      await session.open(URI, 'swift', SOURCE);
      await session.diagnostics(URI, (p) => p.diagnostics.length > 0);
    });
    after(async () => { await session?.stop(); });

    it('answers a hover cancelled before the server answered with RequestCancelled', async () => {
      const source = new CancellationTokenSource();
      const started = Date.now();
      const hover = session.connection.sendRequest('textDocument/hover', HOVER, source.token);
      await sleep(100);
      source.cancel();
      const error = await responseError(hover);
      assert.equal(error.code, REQUEST_CANCELLED);
      assert.equal(error.message, 'NetAdvisor: textDocument/hover was cancelled');
      // Answered on cancellation, not after the handler's (test-only) delay.
      assert.ok(Date.now() - started < DELAY_MS, `answered after ${Date.now() - started} ms`);
    });

    it('cancels custom requests the same way (netadvisor/search)', async () => {
      const source = new CancellationTokenSource();
      const search = session.connection.sendRequest('netadvisor/search', { query: 'MCSession' }, source.token);
      await sleep(50);
      source.cancel();
      const error = await responseError(search);
      assert.deepEqual([error.code, error.message], [REQUEST_CANCELLED, 'NetAdvisor: netadvisor/search was cancelled']);
    });
  });

  describe('time budget', () => {
    let session: LspSession;
    before(async () => {
      session = await LspSession.start({ requestBudgetMs: 300, testOnlyRequestDelayMs: 5000 });
      await session.open(URI, 'swift', SOURCE);
      await session.diagnostics(URI, (p) => p.diagnostics.length > 0);
    });
    after(async () => { await session?.stop(); });

    it('answers every guarded request that runs past its budget with ServerCancelled', async () => {
      const requests: [string, unknown][] = [
        ['textDocument/hover', HOVER],
        ['textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } }],
        ['workspace/executeCommand', { command: 'netadvisor.server.showArticle', arguments: ['mpc-framework-use'] }],
        ['netadvisor/rules', undefined],
        ['netadvisor/article', { id: 'mpc-framework-use' }],
        ['netadvisor/search', { query: 'MCSession' }],
        ['netadvisor/digest', { id: 'x' }],
        ['netadvisor/effectiveConfiguration', { uri: URI }],
      ];
      const errors = await Promise.all(requests.map(([method, params]) => responseError(session.connection.sendRequest(method, params))));
      assert.deepEqual(errors.map((e) => [e.code, e.message]), requests.map(([method]) =>
        [SERVER_CANCELLED, `NetAdvisor: ${method} took longer than 300 ms and was abandoned`]));
      assert.ok(session.logs.includes('[netadvisor] textDocument/hover took longer than 300 ms: answered ServerCancelled'), session.logs.join('\n'));
    });
  });

  describe('a client that never answers workspace/configuration', () => {
    let session: LspSession;
    before(async () => { session = await LspSession.start({ requestBudgetMs: 500 }); });
    after(async () => { await session?.stop(); });

    it('gets ServerCancelled for netadvisor/effectiveConfiguration instead of a request that hangs', async () => {
      session.connection.onRequest('workspace/configuration', () => new Promise(() => undefined));
      const error = await responseError(session.connection.sendRequest('netadvisor/effectiveConfiguration', { uri: 'file:///work/guard/Never.swift' }));
      assert.deepEqual([error.code, error.message],
        [SERVER_CANCELLED, 'NetAdvisor: netadvisor/effectiveConfiguration took longer than 500 ms and was abandoned']);
    });
  });

  describe('a handler that throws', () => {
    let session: LspSession;
    before(async () => {
      session = await LspSession.start();
      await session.open(URI, 'swift', SOURCE);
      await session.diagnostics(URI, (p) => p.diagnostics.length > 0);
    });
    after(async () => { await session?.stop(); });

    it('answers InternalError naming the handler, logs it, and answers the next requests', async () => {
      // A hover without textDocument (a broken client): the handler throws a TypeError.
      const error = await responseError(session.connection.sendRequest('textDocument/hover', { position: { line: 0, character: 0 } }));
      assert.equal(error.code, INTERNAL_ERROR);
      assert.equal(error.message, "NetAdvisor: textDocument/hover failed: Cannot read properties of undefined (reading 'uri')");
      assert.ok(session.logs.some((l) => l.startsWith("[netadvisor] textDocument/hover failed: TypeError: Cannot read properties of undefined (reading 'uri')")),
        session.logs.join('\n'));

      const config = await responseError(session.connection.sendRequest('netadvisor/effectiveConfiguration'));
      assert.deepEqual([config.code, config.message], [INTERNAL_ERROR, 'NetAdvisor: netadvisor/effectiveConfiguration failed: params.uri must be a document URI']);

      assert.equal(session.process.exitCode, null, 'the server is still running');
      const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', HOVER);
      assert.match((hover!.contents as MarkupContent).value, /MCSession/);
      const rules = await session.connection.sendRequest<{ id: string }[]>('netadvisor/rules');
      assert.ok(rules.some((r) => r.id === 'mpc-framework-use'));
    });
  });
});

describe('RequestGuard (in process)', () => {
  // The server's ResponseError comes from vscode-languageserver's own copy of vscode-jsonrpc: compare by shape.
  const errorOf = (answer: unknown): { code: number; message: string } => {
    assert.ok(answer && typeof answer === 'object' && 'code' in answer && typeof answer.code === 'number', `expected a ResponseError, got ${JSON.stringify(answer)}`);
    return answer as { code: number; message: string };
  };
  const cancelledToken = () => { const s = new CancellationTokenSource(); s.cancel(); return s.token; };
  const liveToken = () => new CancellationTokenSource().token;

  it('does not run a handler whose request was cancelled before it started', async () => {
    let calls = 0;
    const handler = new RequestGuard(() => undefined).wrap('test/request', () => { calls++; return 1; });
    const answer = errorOf(await handler({}, cancelledToken()));
    assert.deepEqual([answer.code, answer.message, calls], [REQUEST_CANCELLED, 'NetAdvisor: test/request was cancelled', 0]);
  });

  it('passes params and results through, and normalises custom requests sent without params', async () => {
    const guard = new RequestGuard(() => undefined);
    assert.equal(await guard.wrap('test/double', (n: number) => n * 2)(21, liveToken()), 42);
    const seen: unknown[] = [];
    const custom = guard.wrapCustom('test/custom', (params: { id: string } | undefined) => { seen.push(params); return 'ok'; });
    // vscode-jsonrpc calls a string-method handler with only the token when the request has no params.
    assert.equal(await custom(liveToken()), 'ok');
    assert.equal(await custom({ id: 'a' }, liveToken()), 'ok');
    assert.deepEqual(seen, [undefined, { id: 'a' }]);
  });

  it('turns a synchronous throw and a rejection into InternalError and logs the handler name', async () => {
    const logs: string[] = [];
    const guard = new RequestGuard((m) => logs.push(m));
    const thrown = errorOf(await guard.wrap('test/throws', () => { throw new Error('boom'); })({}, liveToken()));
    const rejected = errorOf(await guard.wrapCustom('test/rejects', () => Promise.reject(new Error('later')))(liveToken()));
    assert.deepEqual([thrown.code, thrown.message], [INTERNAL_ERROR, 'NetAdvisor: test/throws failed: boom']);
    assert.deepEqual([rejected.code, rejected.message], [INTERNAL_ERROR, 'NetAdvisor: test/rejects failed: later']);
    assert.deepEqual(logs.map((l) => l.split('\n')[0]), ['test/throws failed: Error: boom', 'test/rejects failed: Error: later']);
  });

  it('answers ServerCancelled when an async handler outlives the budget', async () => {
    const guard = new RequestGuard(() => undefined);
    guard.configure({ budgetMs: 50 });
    const answer = errorOf(await guard.wrap('test/slow', () => new Promise((resolve) => setTimeout(() => resolve('late'), 300)))({}, liveToken()));
    assert.deepEqual([answer.code, answer.message], [SERVER_CANCELLED, 'NetAdvisor: test/slow took longer than 50 ms and was abandoned']);
  });
});

// Guards LSP request handlers: client cancellation, a server-side time budget, and exceptions answered as logged ResponseErrors.
import { CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

export interface RequestGuardOptions {
  /** A request still unanswered after this long is answered with `ServerCancelled` (ms). */
  budgetMs: number;
  /**
   * TEST ONLY (initializationOptions.testOnlyRequestDelayMs): every guarded request waits this long before its handler
   * runs, so tests can cancel a request or run out its budget deterministically. Never set by our client.
   */
  testOnlyDelayMs: number;
}

export const DEFAULT_REQUEST_BUDGET_MS = 2000;

type Handler<P, R, A extends unknown[]> = (params: P, token: CancellationToken, ...rest: A) => R | PromiseLike<R>;

/**
 * Wraps request handlers where they are registered (`connection.onHover(guard.wrap('textDocument/hover', …))`).
 *
 * JavaScript runs one thing at a time: a synchronous handler cannot be interrupted while it runs, so the budget and
 * the client's `$/cancelRequest` take effect between steps only: before the handler starts and at every `await` in
 * it (settings fetched from the client, a grammar or the knowledge bundle loading). The guarded answer is sent as
 * soon as the request is cancelled or over budget; whatever the handler still produces afterwards is dropped.
 */
export class RequestGuard {
  private options: RequestGuardOptions = { budgetMs: DEFAULT_REQUEST_BUDGET_MS, testOnlyDelayMs: 0 };

  constructor(private readonly log: (message: string) => void) {}

  /** From initializationOptions; missing or invalid values keep the defaults. */
  configure(options: { budgetMs?: unknown; testOnlyDelayMs?: unknown }): void {
    const valid = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
    if (valid(options.budgetMs) && options.budgetMs > 0) this.options.budgetMs = options.budgetMs;
    if (valid(options.testOnlyDelayMs)) this.options.testOnlyDelayMs = options.testOnlyDelayMs;
  }

  /** A typed LSP handler (`onHover`, `onCodeAction`, `onExecuteCommand`): `(params, token, …)`. */
  wrap<P, R, A extends unknown[]>(name: string, handler: Handler<P, R, A>): (params: P, token: CancellationToken, ...rest: A) => Promise<R | ResponseError<void>> {
    return (params, token, ...rest) => this.run(name, token, () => handler(params, token, ...rest));
  }

  /**
   * A handler for `connection.onRequest(method, …)` with a string method: vscode-jsonrpc passes only the token when
   * the request has no params, so the handler is normalised to `(params | undefined, token)`.
   */
  wrapCustom<P, R>(name: string, handler: (params: P | undefined, token: CancellationToken) => R | PromiseLike<R>): (...args: unknown[]) => Promise<R | ResponseError<void>> {
    return (...args) => {
      const last = args[args.length - 1];
      const token = CancellationToken.is(last) ? last : CancellationToken.None;
      const params = (CancellationToken.is(last) ? args.length > 1 : args.length > 0) ? args[0] as P : undefined;
      return this.run(name, token, () => handler(params, token));
    };
  }

  private run<R>(name: string, token: CancellationToken, work: () => R | PromiseLike<R>): Promise<R | ResponseError<void>> {
    if (token.isCancellationRequested) return Promise.resolve(cancelled(name));
    const { budgetMs, testOnlyDelayMs } = this.options;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (answer: R | ResponseError<void>) => {
        if (settled) return;
        settled = true;
        clearTimeout(budget);
        subscription.dispose();
        resolve(answer);
      };
      const budget = setTimeout(() => {
        this.log(`${name} took longer than ${budgetMs} ms: answered ServerCancelled`);
        finish(new ResponseError(LSPErrorCodes.ServerCancelled, `NetAdvisor: ${name} took longer than ${budgetMs} ms and was abandoned`));
      }, budgetMs);
      const subscription = token.onCancellationRequested(() => finish(cancelled(name)));
      const ready = testOnlyDelayMs > 0 ? new Promise<void>((r) => setTimeout(r, testOnlyDelayMs)) : Promise.resolve();
      ready
        // Cancelled or over budget while waiting: the handler does not start at all.
        .then(() => (settled ? undefined as R : work()))
        .then((value) => finish(token.isCancellationRequested ? cancelled(name) : value), (err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          this.log(`${name} failed: ${err instanceof Error && err.stack ? err.stack : message}`);
          finish(new ResponseError(ErrorCodes.InternalError, `NetAdvisor: ${name} failed: ${message}`));
        });
    });
  }
}

function cancelled(name: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, `NetAdvisor: ${name} was cancelled`);
}

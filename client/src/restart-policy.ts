// When the language server dies: restart it up to 4 times within 3 minutes, then stop and tell the user once (pure, no vscode).

export type RestartDecision = 'restart' | 'stop';

export interface RestartPolicyOptions {
  /** Automatic restarts allowed within `windowMs`. */
  maxRestarts: number;
  /** A restart counts while it is less than this old (ms). */
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxRestarts: 4, windowMs: 3 * 60 * 1000 };

/**
 * Decides what to do each time the server connection closes unexpectedly. Times are milliseconds from any clock
 * (`Date.now()` in the extension, a fake one in tests). After a stop, the user hears about it once: `shouldTellUser()`
 * is true once per stop, until the user starts the server again (`userStarted()`), which also forgets the crash history.
 */
export class RestartPolicy {
  private restarts: number[] = [];
  private stopped = false;
  private told = false;

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** The connection closed at `now`: restart while fewer than `maxRestarts` restarts happened in the last `windowMs`. */
  closed(now: number): RestartDecision {
    if (this.stopped) return 'stop';
    this.restarts = this.restarts.filter((t) => now - t < this.options.windowMs);
    if (this.restarts.length < this.options.maxRestarts) {
      this.restarts.push(now);
      return 'restart';
    }
    this.stopped = true;
    return 'stop';
  }

  /** True exactly once after the policy stopped the server: the caller shows its one message then. */
  shouldTellUser(): boolean {
    if (!this.stopped || this.told) return false;
    this.told = true;
    return true;
  }

  /** The server is starting again after a stop (the user asked for it): begin afresh. No effect while not stopped. */
  userStarted(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.told = false;
    this.restarts = [];
  }

  /** Restarts counted in the current window (for the log line). */
  get recentRestarts(): number {
    return this.restarts.length;
  }
}

// The `netadvisor check` progress line on stderr: only for people at a terminal, throttled, erased when done.

/** What the progress line writes to: process.stderr, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** A progress line would garble logs and machine-readable output: only text output to an interactive terminal gets one. */
export function wantsProgress(options: { format: string; stream: ProgressStream; env: NodeJS.ProcessEnv; noProgress?: boolean }): boolean {
  return options.format === 'text' && options.stream.isTTY === true && !options.env.CI && options.noProgress !== true;
}

export class ProgressLine {
  private lastWrite: number | undefined;

  /** `intervalMs` keeps a fast check from spending its time repainting the terminal (about 10 updates a second). */
  constructor(private readonly stream: ProgressStream, private readonly now: () => number = Date.now,
    private readonly intervalMs = 100) {}

  update(done: number, total: number): void {
    const time = this.now();
    if (this.lastWrite !== undefined && time - this.lastWrite < this.intervalMs) return;
    this.lastWrite = time;
    this.stream.write(`\rChecking ${done}/${total} files…`);
  }

  /** Erases the line so the report starts at column 0; nothing to erase when nothing was drawn. */
  finish(): void {
    if (this.lastWrite === undefined) return;
    this.lastWrite = undefined;
    this.stream.write('\r\x1b[K');
  }
}

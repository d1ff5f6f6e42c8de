import type { Io } from '../command.ts';
import { main } from '../main.ts';

/** What one in-process CLI run printed, and its exit code. */
export interface MainResult { code: number; out: string; err: string }

/** Runs `runwarden <argv>` in this process (no child, no tsx start-up) and captures what it prints. */
export async function runMain(argv: readonly string[]): Promise<MainResult> {
  let out = '';
  let err = '';
  const io: Io = { out: (text) => void (out += text), err: (text) => void (err += text), isTty: false };
  const code = await main([...argv], io);
  return { code, out, err };
}

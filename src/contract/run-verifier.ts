import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RunwardenError } from '../core/errors.ts';
import type { VerifierAnswer, VerifierJob } from './verifier-child.ts';

/** What the native verifier produced for each job, plus everything it printed. */
export interface VerifierRun {
  answers: VerifierAnswer[];
  /** The verifier's own console output (its human-readable report), for --verbose and debugging. */
  output: string;
}

// The child has this module's own extension: `.ts` run through tsx from src/, `.js` compiled into dist/.
const CHILD = fileURLToPath(new URL(`./verifier-child${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/** The tsx loader as a file URL, so the child runs TypeScript whatever the working directory. */
function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/** Runs the Pact verifier over the jobs in one child process; resolves when every job has an answer. */
export function runVerifier(jobs: VerifierJob[]): Promise<VerifierRun> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ['--import', tsxLoader()], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const answers: VerifierAnswer[] = [];
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.on('message', (answer: VerifierAnswer) => answers.push(answer));
    child.on('error', (error) => reject(new RunwardenError('INTERNAL', `cannot start the Pact verifier: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (answers.length === jobs.length) resolve({ answers, output });
      else reject(new RunwardenError('INTERNAL', `the Pact verifier exited early (${signal ?? `code ${code}`}) after ${answers.length} of ${jobs.length} pacts\n${output.slice(-2000)}`));
    });
    child.send({ jobs });
  });
}

/**
 * Child-process entry that runs Pact's native verifier, whose report goes straight to this process's stdout.
 * Running it here lets the parent capture that output instead of printing it. Protocol (IPC): the parent sends one
 * `VerifierJobs` message; the child answers one `VerifierAnswer` per job, in order, then exits.
 */
import { Verifier } from '@pact-foundation/pact';

export interface VerifierJob {
  pactFile: string;
  providerBaseUrl: string;
  stateUrl: string;
  timeoutMs: number;
}

export interface VerifierJobs {
  jobs: VerifierJob[];
}

/** `json` is the verifier's result document; `error` a failure to run at all. */
export interface VerifierAnswer {
  index: number;
  json?: string;
  error?: string;
}

async function run(job: VerifierJob): Promise<{ json?: string; error?: string }> {
  const verifier = new Verifier({
    providerBaseUrl: job.providerBaseUrl,
    pactUrls: [job.pactFile],
    providerStatesSetupUrl: job.stateUrl,
    providerStatesSetupTeardown: true,
    providerStatesSetupBody: true,
    timeout: job.timeoutMs,
    logLevel: 'error',
  });
  try {
    return { json: await verifier.verifyProvider() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.trimStart().startsWith('{') ? { json: message } : { error: message };
  }
}

const send = (answer: VerifierAnswer): Promise<void> => new Promise((resolve) => {
  if (process.send) process.send(answer, () => resolve());
  else resolve();
});

process.once('message', (message: VerifierJobs) => {
  void (async () => {
    for (const [index, job] of message.jobs.entries()) await send({ index, ...(await run(job)) });
    process.disconnect?.();
  })();
});

import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RunwardenError } from '../../core/errors.ts';
import { loadSpec } from '../load-spec.ts';
import type { LoadedSpec } from '../loaded-spec.ts';
import { displayPath } from '../read-source.ts';

/** git answers in well under a second; a hung one (a lock, a prompt) must not hang CI. */
const GIT_TIMEOUT_MS = 15_000;
const MAX_SPEC_BYTES = 512 * 1024 * 1024;

/** Temporary copies of base versions: other layers may re-read them by path (pact checks), so they go at exit. */
const copies = new Set<string>();

function removeCopies(): void {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  copies.clear();
}

function git(directory: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', directory, ...args], { timeout: GIT_TIMEOUT_MS, maxBuffer: MAX_SPEC_BYTES, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error((stderr || error.message).trim().split('\n')[0]));
      else resolve(stdout);
    });
  });
}

/**
 * The version of `file` at git `ref` (`git show <ref>:./<file>`, run in the file's folder), loaded like any spec.
 * It is written to a temporary folder first, so `$ref`s to other files of the base version are not followed.
 */
export async function specAtGitRef(ref: string, file: string): Promise<LoadedSpec> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await git(path.dirname(absolute), ['show', `${ref}:./${path.basename(absolute)}`]);
  } catch (error) {
    throw new RunwardenError('FILE_NOT_FOUND', `${displayPath(absolute)} cannot be read at git ref ${ref}: ${(error as Error).message}`,
      'Name a ref that exists (git branch -a, git log) and a file committed at it; in CI fetch the base branch first (actions/checkout with fetch-depth: 0).');
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'runwarden-base-'));
  if (copies.size === 0) process.once('exit', removeCopies);
  copies.add(dir);
  const copy = path.join(dir, path.basename(absolute));
  await writeFile(copy, text);
  return loadSpec(copy, { cache: false });
}

/** Whether a spec can be diffed against `ref`: it exists there, it is new since, it is outside any git repository, or the ref is unknown. */
export type BaseAvailability = 'present' | 'absent' | 'not-in-git' | 'unknown-ref';

/** Where `file` stands at git `ref`, without reading it: lets a caller refuse a bad ref before any work starts. */
export async function baseAvailability(ref: string, file: string): Promise<BaseAvailability> {
  const absolute = path.resolve(file);
  const directory = path.dirname(absolute);
  const succeeds = (args: readonly string[]): Promise<boolean> => git(directory, args).then(() => true, () => false);
  if (!(await succeeds(['rev-parse', '--is-inside-work-tree']))) return 'not-in-git';
  if (!(await succeeds(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))) return 'unknown-ref';
  return (await succeeds(['cat-file', '-e', `${ref}:./${path.basename(absolute)}`])) ? 'present' : 'absent';
}

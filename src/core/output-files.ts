import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from './display-path.ts';
import { RunwardenError } from './errors.ts';

const HINT = 'Pass a folder you can write to (relative paths are resolved from the working directory).';

function unwritable(what: string, target: string, reason: string): RunwardenError {
  return new RunwardenError('OUTPUT_UNWRITABLE', `cannot write ${what} ${displayPath(target)}: ${reason}`, HINT);
}

function reasonOf(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'ENOENT') return 'its parent cannot hold folders (a virtual file system such as /proc?)';
  return code ?? message;
}

/**
 * Creates a folder and its missing parents, one level at a time. Node's `mkdir({ recursive: true })` never
 * settles on some paths (under /proc it spins at 100% CPU); this walk takes at most one step per path segment
 * and ends in OUTPUT_UNWRITABLE naming `what` and `named` (default: the folder) when a level is a file or cannot
 * be made.
 */
export async function makeDirectory(dir: string, what = 'to the folder', named = dir): Promise<void> {
  const target = path.resolve(named);
  const missing: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw unwritable(what, target, reasonOf(error));
    });
    if (info?.isDirectory()) break;
    if (info) throw unwritable(what, target, `${displayPath(current)} is a file, not a folder`);
    if (path.dirname(current) === current) break;
    missing.unshift(current);
  }
  for (const level of missing) {
    await mkdir(level).catch(async (error: NodeJS.ErrnoException) => {
      // Another process may have made it meanwhile; that is only a problem if it made a file.
      if (error.code === 'EEXIST' && (await stat(level)).isDirectory()) return;
      throw unwritable(what, target, reasonOf(error));
    });
  }
}

/**
 * Refuses an output file path that is a folder (OUTPUT_UNWRITABLE naming `what`), so a command can say so before
 * it does its work rather than after. Returns the absolute path.
 */
export async function checkOutputFile(file: string, what = 'file'): Promise<string> {
  const target = path.resolve(file);
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) {
    throw new RunwardenError('OUTPUT_UNWRITABLE', `cannot write ${what} ${displayPath(target)}: it is a folder`, 'Pass the path of a file (in that folder, if that is where it belongs).');
  }
  return target;
}

/**
 * Writes a file (its folder made with `makeDirectory`). A path that is a folder, or whose parent is a file, ends in
 * OUTPUT_UNWRITABLE naming `what` and the path, never a raw EISDIR.
 */
export async function writeOutputFile(file: string, content: string, what = 'file'): Promise<string> {
  const target = await checkOutputFile(file, what);
  await makeDirectory(path.dirname(target), what, target);
  await writeFile(target, content, 'utf8').catch((error: unknown) => {
    throw unwritable(what, target, reasonOf(error));
  });
  return target;
}

import { readFile } from 'node:fs/promises';
import { displayPath } from './display-path.ts';
import { RunwardenError } from './errors.ts';

/** Reads a UTF-8 text file; FILE_NOT_FOUND or FILE_UNREADABLE when it cannot be read. */
export async function readTextFile(file: string, what = 'file'): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new RunwardenError('FILE_NOT_FOUND', `${what} not found: ${displayPath(file)}`, 'Check the path; relative paths are resolved from the working directory.');
    }
    if (code === 'EISDIR') {
      throw new RunwardenError('FILE_UNREADABLE', `cannot read ${what} ${displayPath(file)}: it is a directory`, 'Pass the file itself, not the folder that holds it.');
    }
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? (error as Error).message;
    throw new RunwardenError('FILE_UNREADABLE', `cannot read ${what} ${displayPath(file)}: ${reason}`, 'Check the file\'s permissions.');
  }
}

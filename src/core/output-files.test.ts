import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDirectory, writeOutputFile } from './output-files.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runwarden-output-'));
  await writeFile(join(dir, 'a-file'), 'x');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('makeDirectory', () => {
  it('makes every missing level of a folder, and accepts one that exists', async () => {
    await makeDirectory(join(dir, 'a', 'b', 'c'));
    await makeDirectory(join(dir, 'a', 'b', 'c'));
    expect((await stat(join(dir, 'a', 'b', 'c'))).isDirectory()).toBe(true);
  });

  it('names the file that stands where a folder should be', async () => {
    await expect(makeDirectory(join(dir, 'a-file', 'sub'), 'reports to')).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE', message: expect.stringMatching(/a-file is a file, not a folder/) });
  });

  it('settles with OUTPUT_UNWRITABLE under /proc, where a recursive mkdir never does', async () => {
    await expect(makeDirectory('/proc/runwarden-test/x')).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE' });
  });
});

describe('writeOutputFile', () => {
  it('writes a file, making its folder', async () => {
    const file = await writeOutputFile(join(dir, 'new', 'junit.xml'), '<x/>');
    expect(await readFile(file, 'utf8')).toBe('<x/>');
  });

  it('refuses a path that is a folder, naming what was to be written', async () => {
    await expect(writeOutputFile(dir, '<x/>', 'the JUnit report')).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE', message: expect.stringMatching(/cannot write the JUnit report .*: it is a folder/) });
  });
});

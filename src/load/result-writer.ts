import path from 'node:path';
import { writeOutputFile } from '../core/output-files.ts';
import type { LoadResult } from './result.ts';

/** Writes a result to `<dir>/<scenario>-<timestamp>.json` (dir defaults to reports/load) and returns the path. */
export async function writeResult(result: LoadResult, dir = path.join('reports', 'load')): Promise<string> {
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  // Shards of one run may share a folder (a volume, an artifact download): each gets its own name.
  const slice = result.shard ? `-shard-${result.shard.index}-of-${result.shard.count}` : result.merged ? '-merged' : '';
  const file = path.join(dir, `${result.scenario}-${stamp}${slice}.json`);
  // The bounded folder walk, not mkdir({ recursive: true }), which never settles under /proc.
  await writeOutputFile(file, `${JSON.stringify(result, null, 2)}\n`, 'the load result');
  return file;
}

/** The folder name of a run under reports/: the run id with anything unsafe in a path replaced, never `latest`. */
export function runFolderName(runId: string): string {
  const safe = runId.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 120) || 'run';
  return safe === 'latest' ? 'run-latest' : safe;
}

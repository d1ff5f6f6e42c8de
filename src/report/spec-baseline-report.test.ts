import { describe, expect, it } from 'vitest';
import type { RunSummary, SpecBaselineSummary } from '../core/summary.ts';
import { renderHtml } from './html-report.ts';
import { renderMarkdown } from './markdown-report.ts';
import { buildEmptySummary } from './testing/fixtures.ts';

const baseline: SpecBaselineSummary = {
  ref: 'origin/main',
  specs: [
    {
      provider: 'deck', base: 'origin/main:specs/deck.openapi.yaml', revision: 'specs/deck.openapi.yaml', counts: { breaking: 1, warning: 1, info: 1 },
      changes: [
        { id: 'run-terminal-state-removed', level: 'breaking', operation: 'GET /task-runs/{run_id}', base: '#/components/schemas/TaskRunStatus/enum', message: 'The terminal state <canceled> is gone.' },
        { id: 'run-non-terminal-state-added', level: 'warning', operation: 'GET /task-runs/{run_id}', revision: '#/components/schemas/TaskRunStatus/enum', message: 'A new state paused.' },
        { id: 'new-optional-request-property', level: 'info', operation: 'POST /tasks/{task_id}/run', message: 'New optional property note.' },
      ],
      consumers: [{ pact: 'contracts/pacts/web-deck.json', provider: 'deck', interaction: 'a canceled run', because: ['SCHEMA_MISMATCH: Received: "canceled"'] }],
    },
    { provider: 'jobs', base: 'origin/main:specs/jobs.yaml', revision: 'specs/jobs.yaml', skipped: 'specs/jobs.yaml does not exist at origin/main: a new spec, nothing to compare', counts: { breaking: 0, warning: 0, info: 0 }, changes: [] },
    { provider: 'refactor', base: 'origin/main:specs/refactor.yaml', revision: 'specs/refactor.yaml', error: 'specs/refactor.yaml: not valid YAML\nHint: fix line 3', counts: { breaking: 0, warning: 0, info: 0 }, changes: [] },
  ],
};

const summary: RunSummary = { ...buildEmptySummary(), specBaseline: baseline };

describe('the --spec-baseline section of the reports', () => {
  it('lists breaking changes and warnings, not info, and the pacts they break, in summary.md', () => {
    const markdown = renderMarkdown(summary);
    expect(markdown).toContain('### Spec changes since `origin/main`');
    expect(markdown).toContain('- ❌ **deck** `specs/deck.openapi.yaml`: 1 breaking, 1 warning, 1 info · 1 pact interaction(s) broken');
    expect(markdown).toContain('  - 🔴 `run-terminal-state-removed` `GET /task-runs/{run_id}`: The terminal state &lt;canceled&gt; is gone.');
    expect(markdown).toContain('  - 🟡 `run-non-terminal-state-added`');
    expect(markdown).not.toContain('new-optional-request-property');
    expect(markdown).toContain("  - 💔 `contracts/pacts/web-deck.json` → deck 'a canceled run' because SCHEMA\\_MISMATCH");
    expect(markdown).toContain('- ⏭️ **jobs**: specs/jobs.yaml does not exist at origin/main');
    expect(markdown).toContain('- ❌ **refactor**: specs/refactor.yaml: not valid YAML');
  });

  it('gives index.html its own section with every change, escaped, and each provider\'s state', async () => {
    const html = await renderHtml(summary);
    const section = html.slice(html.indexOf('<section id="spec-baseline">'), html.indexOf('</section>', html.indexOf('<section id="spec-baseline">')));
    expect(section).toContain('<h2>Spec changes since <code>origin/main</code></h2>');
    expect(section).toContain('deck <span class="badge fail">fail</span>');
    expect(section).toContain('jobs <span class="badge skip">skip</span>');
    expect(section).toContain('refactor <span class="badge fail">fail</span>');
    expect(section).toContain('The terminal state &lt;canceled&gt; is gone.');
    expect(section).toContain('<code>new-optional-request-property</code>');
    expect(section).toContain('1 pact interaction(s) break:');
  });

  it('leaves the reports as they were when the run had no --spec-baseline', async () => {
    expect(renderMarkdown(buildEmptySummary())).not.toContain('Spec changes since');
    expect(await renderHtml(buildEmptySummary())).not.toContain('id="spec-baseline"');
  });
});

import { atLeast, type ChangeLevel, type SpecChange } from '../../spec/diff/index.ts';
import { escapeXml } from '../../report/escape.ts';
import type { BrokenExchange, BrokenInteraction } from './spec-diff-consumers.ts';

interface DiffForJunit {
  base: string;
  revision: string;
  changes: SpecChange[];
  consumers?: BrokenInteraction[];
  exchanges?: BrokenExchange[];
}

interface Case {
  name: string;
  failures: string[];
}

function testcase(classname: string, { name, failures }: Case): string {
  const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(name)}" time="0"`;
  if (failures.length === 0) return `${open}/>\n`;
  return `${open}>\n      <failure message="${escapeXml(failures[0]!)}" type="spec-diff">${escapeXml(failures.join('\n'))}</failure>\n    </testcase>\n`;
}

/**
 * JUnit XML for CI test tabs: one suite per compared spec, one case per changed operation (failing when it has a change
 * at or above `failOn`) and one per pact interaction the revision breaks.
 */
export function renderSpecDiffJunit(diffs: readonly DiffForJunit[], failOn: ChangeLevel): string {
  const suites = diffs.map((diff) => {
    const operations = [...new Set(diff.changes.map((change) => change.operation ?? '(document)'))];
    const cases: Case[] = operations.map((operation) => ({
      name: operation,
      failures: diff.changes.filter((change) => (change.operation ?? '(document)') === operation && atLeast(change.level, failOn)).map((change) => `${change.level} ${change.id}: ${change.message}`),
    }));
    for (const broken of diff.consumers ?? []) cases.push({ name: `pact ${broken.pact} → ${broken.provider} '${broken.interaction}'`, failures: broken.because });
    for (const broken of diff.exchanges ?? []) cases.push({ name: `${broken.har} entry ${broken.index}: ${broken.method} ${broken.url}`, failures: broken.because });
    if (cases.length === 0) cases.push({ name: 'no changes', failures: [] });
    const failed = cases.filter((entry) => entry.failures.length > 0).length;
    const name = `spec diff ${diff.base} → ${diff.revision}`;
    return `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0" time="0">\n${cases.map((entry) => testcase(diff.revision, entry)).join('')}  </testsuite>\n`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="runwarden spec diff">\n${suites.join('')}</testsuites>\n`;
}

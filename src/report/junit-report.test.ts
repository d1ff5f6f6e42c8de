import { describe, expect, it } from 'vitest';
import { renderJunit } from './junit-report.ts';
import { reportableChecks } from './report-checks.ts';
import { buildEmptySummary, buildRunSummary } from './testing/fixtures.ts';
import { findAll, parseXml } from './testing/xml-well-formed.ts';

describe('renderJunit', () => {
  const summary = buildRunSummary({ requests: 300 });
  const xml = renderJunit(summary);
  const root = parseXml(xml);
  const testcases = findAll(root, 'testcase');

  it('is well-formed XML with a <testsuites> root and totals that add up', () => {
    expect(root.name).toBe('testsuites');
    const suites = findAll(root, 'testsuite');
    const sum = (attribute: string) => suites.reduce((total, suite) => total + Number(suite.attributes[attribute]), 0);
    expect(Number(root.attributes.tests)).toBe(testcases.length);
    expect(sum('tests')).toBe(testcases.length);
    expect(sum('failures')).toBe(Number(root.attributes.failures));
    expect(sum('skipped')).toBe(Number(root.attributes.skipped));
  });

  it('has one test case per check, SLO thresholds of every scenario included', () => {
    const checks = reportableChecks(summary);
    expect(testcases).toHaveLength(checks.length);
    expect(testcases.map((testcase) => testcase.attributes.name)).toEqual(checks.map((check) => check.name));
    const slo = testcases.filter((testcase) => testcase.attributes.classname?.startsWith('runwarden.slo.'));
    const thresholds = summary.load.reduce((total, scenario) => total + scenario.thresholds.length, 0);
    expect(slo).toHaveLength(thresholds);
  });

  it('groups checks into one <testsuite> per suite and group', () => {
    const names = findAll(root, 'testsuite').map((suite) => suite.attributes.name);
    expect(names).toEqual(['spec.rightbrain', 'spec.deck', 'spec.refactor', 'contract.deck', 'contract.rightbrain', 'contract.refactor', 'cross-check.deck', 'lifecycle.deck', 'slo.deck-task-runs', 'slo.rightbrain-sync-runs']);
  });

  it('marks failures with the first line as message and the violations in the body', () => {
    const failed = testcases.find((testcase) => testcase.attributes.name === 'runs are listed page by page');
    const failure = failed?.children.find((child) => child.name === 'failure');
    expect(failure?.attributes.message).toBe('Response body does not match the pact');
    expect(failure?.attributes.type).toBe('SCHEMA_MISMATCH');
    expect(failure?.text).toContain('[SCHEMA_MISMATCH] listTaskRuns — response body /next_cursor');
    expect(failure?.text).toContain('Spec: #/components/schemas/TaskRunList/properties/next_cursor');
    const passed = testcases.find((testcase) => testcase.attributes.name === 'rightbrain spec lints clean');
    expect(passed?.children).toEqual([]);
    expect(passed?.attributes.time).toBe('0.041');
  });

  it('marks skipped checks as <skipped>', () => {
    const skipped = testcases.find((testcase) => testcase.attributes.name === 'a cancelled run stays cancelled');
    expect(skipped?.children.map((child) => child.name)).toEqual(['skipped']);
  });

  it('escapes markup and makes control characters visible instead of emitting them raw', () => {
    const hostile = buildEmptySummary();
    hostile.checks.push({ suite: 'spec', group: 'a"b<c>&\'', name: 'bell \u0007 escape \u001b[31m nul \u0000 ]]>', ok: false, message: '<html> & "quotes"\u000b' });
    const text = renderJunit(hostile);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const parsed = parseXml(text);
    const testcase = findAll(parsed, 'testcase')[0];
    expect(testcase?.attributes.name).toBe('bell \\x07 escape \\x1b[31m nul \\x00 ]]>');
    expect(findAll(parsed, 'testsuite')[0]?.attributes.name).toBe('spec.a"b<c>&\'');
    expect(findAll(parsed, 'failure')[0]?.text).toBe('<html> & "quotes"\\x0b');
  });

  it('writes an empty but valid document when nothing ran', () => {
    const empty = parseXml(renderJunit(buildEmptySummary()));
    expect(empty.attributes.tests).toBe('0');
    expect(empty.children).toEqual([]);
  });
});

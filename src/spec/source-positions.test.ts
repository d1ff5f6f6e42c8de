import { describe, expect, it } from 'vitest';
import { jsonPositions, yamlPositions } from './source-positions.ts';

describe('source positions of JSON pointers', () => {
  const json = '\uFEFF{\n  "a": {"b~c": [1, {"d": "x\\"y"}]},\n  "e/f": true\n}';

  it('finds object members (escaped keys too) and array items in JSON, in one pass', () => {
    const found = jsonPositions(json, ['#/a/b~0c/1/d', '#/e~1f', '#/a', '#/nope']);
    expect(Object.fromEntries(found)).toEqual({
      '#/a': { line: 2, column: 3 },
      '#/a/b~0c/1/d': { line: 2, column: 21 },
      '#/e~1f': { line: 3, column: 3 },
    });
  });

  it('finds members and items in YAML, through aliases', () => {
    const yaml = 'a: &shared\n  b: [1, 2]\nc: *shared\nd:\n  - e: 1\n';
    expect(Object.fromEntries(yamlPositions(yaml, ['#/a/b/1', '#/c/b', '#/d/0/e', '#/x']))).toEqual({
      '#/a/b/1': { line: 2, column: 10 },
      '#/c/b': { line: 2, column: 3 },
      '#/d/0/e': { line: 5, column: 5 },
    });
  });
});

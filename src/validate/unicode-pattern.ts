/** Characters a `u`-mode regular expression lets you escape without changing their meaning. */
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
/** Letters and digits that start a real escape (`\d`, `\u00e9`, `\1`…): left as they are. */
const ESCAPES = /[dDwWsSbBnrtfv0-9cxukpP]/;
const QUANTIFIER = /^\{\d+(,\d*)?\}/;

const compiles = (pattern: string, flags: string): boolean => {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
};

/**
 * A pattern that means the same without the `u` flag and with it. JSON Schema patterns are ECMA-262 with `u` (Ajv
 * compiles them so), but many specs are written for engines that allow identity escapes (`\_`, `\-`, `\@`) and lone
 * braces; those are rewritten (`\_` → `_`, `{` → `\{`). `as-is`: valid with `u`; `rewritten`: the rewrite means the
 * same with `u`; `without-u`: only valid without `u`, so it must be compiled without it. Undefined when the pattern
 * is invalid either way (a broken schema).
 */
export function unicodeSafePattern(pattern: string): { pattern: string; how: 'as-is' | 'rewritten' | 'without-u' } | undefined {
  if (compiles(pattern, 'u')) return { pattern, how: 'as-is' };
  if (!compiles(pattern, '')) return undefined;
  let out = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\') {
      const next = pattern[index + 1];
      index++;
      if (next === undefined) return { pattern, how: 'without-u' };
      if (ESCAPES.test(next) || SYNTAX.has(next) || (inClass && next === '-')) out += `\\${next}`;
      else out += next;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      out += char;
      continue;
    }
    if (char === '[') inClass = true;
    if (char === '{' && !QUANTIFIER.test(pattern.slice(index))) out += '\\{';
    else if (char === '}' && !/\{\d+(,\d*)?$/.test(pattern.slice(0, index))) out += '\\}';
    else if (char === ']') out += '\\]';
    else out += char;
  }
  return compiles(out, 'u') ? { pattern: out, how: 'rewritten' } : { pattern, how: 'without-u' };
}

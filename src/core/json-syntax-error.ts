/** Where and why a JSON text is invalid: a zero-based offset and a short reason. */
export interface JsonSyntaxError {
  offset: number;
  reason: string;
}

/**
 * Finds the first syntax error in a JSON text, or undefined when it is valid.
 * `JSON.parse` on Node 20 does not always report a position; this scanner always does.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (reason: string): never => {
    throw { offset: i, reason } satisfies JsonSyntaxError;
  };
  const describe = (): string => (i >= text.length ? 'end of input' : `character ${JSON.stringify(text[i])}`);
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${describe()}, expected a value`);
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const char = text[i]!;
      if (char < ' ') fail('control character in string');
      if (char === '\\') {
        i++;
        const escape = text[i];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('invalid \\u escape');
          i += 4;
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) fail('invalid escape in string');
      }
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail(`unexpected ${describe()}, expected a value`);
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{') object();
    else if (char === '[') array();
    else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else number();
  };
  const object = (): void => {
    i++;
    space();
    if (text[i] === '}') return void i++;
    for (;;) {
      space();
      if (text[i] !== '"') fail(`unexpected ${describe()}, expected a property name in double quotes`);
      string();
      space();
      if (text[i] !== ':') fail(`unexpected ${describe()}, expected ':'`);
      i++;
      value();
      space();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') return void i++;
      fail(`unexpected ${describe()}, expected ',' or '}'`);
    }
  };
  const array = (): void => {
    i++;
    space();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      space();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ']') return void i++;
      fail(`unexpected ${describe()}, expected ',' or ']'`);
    }
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    space();
    if (i < text.length) fail(`unexpected ${describe()} after the JSON value`);
    return undefined;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error) return error as JsonSyntaxError;
    throw error;
  }
}

/** One-based line and column of an offset in a text. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text[index] === '\n') {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

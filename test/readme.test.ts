import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands/index.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('opens with a quickstart of exactly the two commands CI and users run', () => {
    const quickstart = /## Quickstart\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = quickstart.split('\n').filter((line) => line.trim() !== '').map((line) => line.replace(/\s+#.*$/, ''));
    expect(commands).toEqual(['npm ci && npm start', 'npm ci && npm test']);
    expect(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toContain('npm test');
  });

  it('documents every CLI command', () => {
    for (const command of COMMANDS) expect(readme, command.name).toContain(`runwarden ${command.name}`);
  });

  it('says why each runtime and dev dependency is there', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    for (const name of [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter((name) => !name.startsWith('@types/'))) {
      expect(readme, name).toContain(`\`${name}\``);
    }
  });
});

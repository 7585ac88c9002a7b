// The JavaScript blocks of the repository README's "Server side" section
// run, each as an ES module of its own inside this package (so that
// `nidan/server` resolves to the build under test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.split(/^## /m).find((part) => part.startsWith('Server side\n')) ?? '';
const blocks = [...section.matchAll(/```js\n(.*?)```/gs)].map((match) => match[1]);

test('the Server side section has a JavaScript example', () => {
  assert.ok(blocks.length >= 1);
  assert.match(blocks.join('\n'), /from 'nidan\/server'/);
});

for (const [index, block] of blocks.entries()) {
  test(`README Server side JavaScript block ${index + 1} runs`, () => {
    execFileSync(process.execPath, ['--input-type=module', '-e', block], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  });
}

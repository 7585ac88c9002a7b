// The JavaScript examples of the repository README's section for
// authenticator apps run as they are written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.split('## Authenticator apps: the import mode')[1].split('\n## ')[0];
const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]);

test('the import-mode section has a JavaScript example, and it runs', () => {
  assert.ok(blocks.length >= 1);
  const require = createRequire(import.meta.url);
  const logged = [];
  const console = { log: (line) => logged.push(line) };
  for (const block of blocks) new Function('require', 'console', block)(require, console);
  assert.ok(logged.some((line) => line.startsWith('issuer_differs: the label names the issuer "Some+Company"')), logged.join('\n'));
  assert.ok(logged.includes('account 1 cannot be used: export URI has an account whose algorithm nidan cannot use'), logged.join('\n'));
});

// Node: reads and compiles nidan.wasm synchronously when first required.
// Built into dist/nidan.cjs; dist/nidan.node.mjs re-exports it for `import`,
// so that `require` and `import` share one instance.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from '../pkg/nidan.js';

initSync({ module: readFileSync(join(__dirname, 'nidan.wasm')) });

export * from './index.js';

// Node: reads and compiles nidan.wasm synchronously when first required.
// Built into dist/shared.cjs, which `nidan` and `nidan/otpauth` share,
// whether they are loaded with require or import: one instance.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from '../pkg/nidan.js';

initSync({ module: readFileSync(join(__dirname, 'nidan.wasm')) });

export * as native from './index.js';
export * as otpauth from './otpauth.js';

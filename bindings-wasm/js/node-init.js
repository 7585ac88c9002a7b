// Node: reads and compiles the wasm module synchronously when first required.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from 'nidan-glue';

initSync({ module: readFileSync(join(__dirname, __NIDAN_WASM__)) });

// Node, Deno and Bun: the module embedded as base64 (esbuild's `binary`
// loader; `nidan-wasm-bytes` is an alias for the .wasm file), decoded by
// Buffer and compiled synchronously when the bundle is first required. No
// file is read at run time, so server bundlers that move the code (Next.js)
// and Deno without --allow-read load it too. Size matters less here than
// start-up: measured cold, one `require` per process, interleaved, median of
// 15 on a busy 2-core machine: reading the .wasm file 31.6 ms, base64 42.3
// ms, the browsers' text (init-embedded.js, decoded in JavaScript) 81.4 ms.
import bytes from 'nidan-wasm-bytes';
import { initSync } from 'nidan-glue';

initSync({ module: bytes });

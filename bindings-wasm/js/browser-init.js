// Browsers and bundlers: fetches and compiles nidan.wasm with a top-level
// await, so that the API is ready (and synchronous) once the import resolves.
// (Compiling the fetched bytes needs no particular MIME type from the server.)
import { initSync } from '../pkg/nidan.js';

const response = await fetch(new URL('./nidan.wasm', import.meta.url));
if (!response.ok) throw new Error(`nidan: cannot load nidan.wasm (HTTP ${response.status})`);
initSync({ module: await WebAssembly.compile(await response.arrayBuffer()) });

// Browsers and bundlers: fetches and compiles nidan.wasm with a top-level
// await, so that the API is ready (and synchronous) once the import resolves.
import init from '../pkg/nidan.js';

await init({ module_or_path: new URL('./nidan.wasm', import.meta.url) });

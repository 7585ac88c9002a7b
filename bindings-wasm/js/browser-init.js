// Browsers and bundlers: fetches and compiles the wasm module with a
// top-level await, so that the API is ready (and synchronous) once the
// import resolves. (Compiling the fetched bytes needs no particular MIME
// type from the server.) __NIDAN_WASM__ is "./nidan.wasm" or
// "./nidan-enrol.wasm", a literal after bundling, which bundlers see.
import { initSync } from 'nidan-glue';

const response = await fetch(new URL(__NIDAN_WASM__, import.meta.url));
if (!response.ok) throw new Error(`nidan: cannot load ${__NIDAN_WASM__} (HTTP ${response.status})`);
initSync({ module: await WebAssembly.compile(await response.arrayBuffer()) });

// `nidan/enrol` in browsers and bundlers (dist/enrol.mjs), with its own module nidan-enrol.wasm.
import './browser-init.js';

export * from './enrol.js';

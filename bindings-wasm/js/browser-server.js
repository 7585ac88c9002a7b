// `nidan/server` in browsers, workers and bundlers (dist/server.mjs), with its own module nidan-server.wasm.
import './browser-init.js';

export * from './server-entry.js';

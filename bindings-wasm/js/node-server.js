// `nidan/server` for Node (dist/server.cjs), with its own module nidan-server.wasm.
import './node-init.js';

export * from './server-entry.js';

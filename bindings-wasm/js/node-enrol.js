// `nidan/enrol` for Node (dist/enrol.cjs), with its own module nidan-enrol.wasm.
import './node-init.js';

export * from './enrol.js';

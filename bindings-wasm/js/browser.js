// `nidan` in browsers and bundlers (dist/nidan.mjs).
import './browser-init.js';

export * from './index.js';

// `nidan/otpauth` in browsers and bundlers (dist/otpauth.mjs); it shares the
// wasm instance with `nidan`.
import './browser-init.js';

export * from './otpauth.js';

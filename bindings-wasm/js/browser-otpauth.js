// `nidan/otpauth` in browsers and bundlers (dist/otpauth.mjs).
import './browser-init.js';

export * from './otpauth.js';

// Checks at the boundary: every number and string is checked here before it
// reaches the wasm module, where a NaN would become 0 and a large number
// would wrap silently.

import { limits as coreLimits } from 'nidan-glue';
import { checked, fail } from './errors.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MAX_U64 = (1n << 64n) - 1n;

/**
 * The core's defaults and limits (`nidan::limits`, read through the wasm
 * module once, when it loads), by camelCase name: `totpDigits`,
 * `secretMaxBytes`, ... Numbers, or names such as "SHA1".
 */
export const LIMITS = Object.freeze(Object.fromEntries(coreLimits().split('&').map((pair) => {
  const [name, value] = pair.split('=');
  return [name.replace(/_(.)/g, (_, letter) => letter.toUpperCase()), /^\d+$/.test(value) ? Number(value) : value];
})));

/** Every default and limit of nidan, as the Rust core defines them and this package applies them (a new object each call). */
export const limits = () => ({ ...LIMITS });

/** The longest string or byte array passed into the wasm module. */
export const MAX_INPUT = LIMITS.maxInputLen;

function show(value) {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}...` : value);
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}

function invalid(name, value, what) {
  fail('INVALID_NUMBER', `${name} must be ${what}, got ${show(value)}`);
}

/**
 * A whole number from 0 to 2^64 - 1: a number (a safe integer) or a bigint,
 * returned as given. With `fraction`, a number's fraction is dropped (for
 * millisecond timestamps); without it, a fraction is an error. Pass the
 * result to the wasm module as `high(n), low(n)`, or as `asBigInt(n)`.
 */
export function u64(value, name, fraction = false) {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalid(name, value, 'a finite number');
    if (value < 0) invalid(name, value, 'zero or more');
    if (!fraction && !Number.isInteger(value)) invalid(name, value, 'a whole number');
    if (value > Number.MAX_SAFE_INTEGER) invalid(name, value, 'at most 2^53 - 1 as a number (pass a bigint)');
    return Math.floor(value);
  }
  if (typeof value === 'bigint') {
    if (value < 0n) invalid(name, value, 'zero or more');
    if (value > MAX_U64) invalid(name, value, 'at most 2^64 - 1');
    return value;
  }
  return invalid(name, value, 'a number or a bigint');
}

/** The high 32 bits of a checked u64 (the wasm module takes it in halves: no bigint on the way). */
export const high = (n) => (typeof n === 'number' ? Math.floor(n / 4294967296) : Number(n >> 32n));
/** The low 32 bits of a checked u64. */
export const low = (n) => (typeof n === 'number' ? n >>> 0 : Number(n & 0xffffffffn));
/** A checked u64 as a bigint, for the exports that take one. */
export const asBigInt = (n) => BigInt(n);

/**
 * A code from the wasm module, which gives it as a number (its digits), as
 * `digits` characters with the leading zeros; a negative number means an
 * error, recorded for `checked`.
 */
export function codeText(value, digits) {
  if (value < 0) checked(undefined);
  return String(value).padStart(digits, '0');
}

/** A whole number from 0 to 2^32 - 1 (digits, window sides). */
export function u32(value, name) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    invalid(name, value, 'a whole number from 0 to 2^32 - 1');
  }
  return value;
}

/** A whole number from -2^31 to 2^31 - 1 (the batch fields of exports). */
export function i32(value, name) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    invalid(name, value, 'a whole number from -2^31 to 2^31 - 1');
  }
  return value;
}

/** `value` (a bigint from the wasm module) as a bigint when `big`, else as a safe number. */
export function out(value, big) {
  if (big) return value;
  if (value > MAX_SAFE) {
    fail('INVALID_NUMBER', `the result ${value} is beyond 2^53 - 1: pass a bigint to get bigints back`);
  }
  return Number(value);
}

/** A string of at most MAX_INPUT characters. */
export function text(value, name) {
  if (typeof value !== 'string') fail('INVALID_ARGUMENT', `${name} must be a string, got ${show(value)}`);
  if (value.length > MAX_INPUT) fail('INPUT_TOO_LONG', `${name} is longer than ${MAX_INPUT} characters`);
  return value;
}

/** Bytes from a Uint8Array, another typed array, a DataView or an ArrayBuffer. */
export function bytes(value, name) {
  let view;
  if (value instanceof Uint8Array) view = value;
  else if (ArrayBuffer.isView(value)) view = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  else if (value instanceof ArrayBuffer) view = new Uint8Array(value);
  else fail('INVALID_ARGUMENT', `${name} must be a Uint8Array or an ArrayBuffer, got ${show(value)}`);
  if (view.length > MAX_INPUT) fail('INPUT_TOO_LONG', `${name} is longer than ${MAX_INPUT} bytes`);
  return view;
}

/** An options object: undefined and null give an empty one. */
export function options(value) {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object') fail('INVALID_ARGUMENT', `options must be an object, got ${show(value)}`);
  return value;
}

/** Random bytes from the platform's cryptographic generator. */
export function randomBytes(count) {
  if (count > MAX_INPUT) fail('INPUT_TOO_LONG', `cannot draw more than ${MAX_INPUT} random bytes`);
  return globalThis.crypto.getRandomValues(new Uint8Array(count));
}

/** Unix time in whole seconds, by the system clock. */
export function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

// The core's JSON test vectors (core/tests/vectors/), shared by the Rust,
// Python and JavaScript suites.
import { readFileSync } from 'node:fs';

export function load(name) {
  return JSON.parse(readFileSync(new URL(`../../core/tests/vectors/${name}`, import.meta.url), 'utf8'));
}

export function scenario(id) {
  return load('verification_scenarios.json').scenarios.find((s) => s.id === id);
}

export const ascii = (text) => new TextEncoder().encode(text);
export const fromHex = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));

/**
 * The table of error codes in the core's documentation of `Error`
 * (core/src/error.rs), read as written: `[{ code, error }]` in order, where
 * `error` is a variant name (`SecretEmpty`) or `ArgumentError::Variant`.
 */
export function documentedErrorCodes() {
  const source = readFileSync(new URL('../../core/src/error.rs', import.meta.url), 'utf8');
  return source.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('/// | `'))
    .map((line) => {
      const [code, error] = line.slice('/// | '.length).split(' | ');
      return { code: code.replaceAll('`', ''), error: error.split('`')[1] };
    });
}

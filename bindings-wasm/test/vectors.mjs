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

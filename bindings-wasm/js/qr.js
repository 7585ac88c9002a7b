// QR codes of otpauth URIs, for enrolment pages and terminals.

import { WasmQr } from 'nidan-glue';
import { checked, fail } from './errors.js';
import { u32, text } from './checks.js';

const inspect = Symbol.for('nodejs.util.inspect.custom');

/**
 * A QR code of some text, usually an otpauth URI (medium error correction).
 * An enrolment QR code carries the secret: its modules are wiped by
 * `free()`, or when garbage-collected.
 */
export class Qr {
  #handle;

  /** Encodes `text`; a NidanParameterError (QR_TOO_LONG) when it does not fit a QR code. */
  constructor(value) {
    this.#handle = checked(WasmQr.create(text(value, 'text')));
    /** Modules per side, without the quiet zone. */
    this.width = this.#handle.width;
    Object.freeze(this);
  }

  #live() {
    if (this.#handle === undefined) fail('INVALID_ARGUMENT', 'this QR code was freed');
    return this.#handle;
  }

  /** Whether the module at column `x`, row `y` (from 0) is dark; everything outside the code is light. */
  isDark(x, y) {
    return this.#live().isDark(u32(x, 'x'), u32(y, 'y'));
  }

  /** An SVG image, black on white with the quiet zone, 8 units (pixels) per module: scale it with CSS. */
  toSvg() {
    return this.#live().toSvg();
  }

  /** Text for a terminal with a dark background, two modules per character cell. */
  toTerminal() {
    return this.#live().toTerminal();
  }

  /** Wipes the modules from wasm memory now. */
  free() {
    this.#handle?.free();
    this.#handle = undefined;
  }

  toString() {
    return `Qr(${this.width}x${this.width})`;
  }

  toJSON() {
    return this.toString();
  }

  [inspect]() {
    return this.toString();
  }
}

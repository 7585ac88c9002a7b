// Error classes of the package, and the conversion of what the wasm module
// throws ("Family|CODE|message", see src/error.rs) into them.

/** Base class of every error nidan throws; `code` is stable and documented. */
export class NidanError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}
/** A secret could not be read, generated or is unfit for use. */
export class NidanSecretError extends NidanError {}
/** An otpauth URI is malformed or inconsistent. */
export class NidanUriError extends NidanError {}
/** A parameter (number, option, argument) is out of range or of the wrong type. */
export class NidanParameterError extends NidanError {}

// Spelled out: minifiers rename classes.
const names = [
  [NidanError, 'NidanError'], [NidanSecretError, 'NidanSecretError'],
  [NidanUriError, 'NidanUriError'], [NidanParameterError, 'NidanParameterError'],
];
for (const [type, name] of names) {
  Object.defineProperty(type.prototype, 'name', { value: name, writable: true, configurable: true });
}

const families = { Secret: NidanSecretError, Uri: NidanUriError, Parameter: NidanParameterError };

/** Rethrows `thrown` (caught around a wasm call) as the matching NidanError. */
export function rethrow(thrown) {
  if (typeof thrown === 'string') {
    const a = thrown.indexOf('|');
    const b = thrown.indexOf('|', a + 1);
    const Type = families[thrown.slice(0, a)];
    if (Type && b > a) throw new Type(thrown.slice(b + 1), thrown.slice(a + 1, b));
  }
  throw thrown;
}

/** Throws a NidanParameterError. */
export function fail(code, message) {
  throw new NidanParameterError(message, code);
}

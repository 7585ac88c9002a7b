// `nidan` and `nidan/otpauth` for Node, built into dist/shared.cjs, which
// both share, whether they are loaded with require or import: one instance.
import 'nidan-init';

export * as native from '../index.js';
export * as otpauth from '../otpauth.js';

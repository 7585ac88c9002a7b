// `nidan/otpauth`: the otpauth drop-in, loaded.
import 'nidan-init';

export * from '../otpauth.js';

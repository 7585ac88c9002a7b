// `nidan/enrol`: the native API plus exports and QR codes, with its own module nidan-enrol.wasm.
import 'nidan-init';

export * from '../enrol.js';

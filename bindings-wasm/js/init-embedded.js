// Browsers, bundlers and anything that takes the `default` condition: loads
// the wasm module from the text embedded in the bundle (see wasm-text.js),
// synchronously when the bundle is first imported. `nidan-wasm-text` is an
// esbuild alias for the module's text, written by build.sh. It is imported
// first, so that the text opens the bundle and all the code follows it in
// one piece: gzip's 32 KB window then sees the code whole (a bundle with the
// text in the middle is 440 bytes larger gzipped).
import text from 'nidan-wasm-text';
import { initSync } from 'nidan-glue';
import { decodeWasm } from './wasm-text.js';

initSync({ module: decodeWasm(text) });

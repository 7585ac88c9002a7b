// Cloudflare Workers (the `workerd` export condition): Workers refuse to
// compile wasm from bytes, so the module is imported as a module, which
// wrangler and workerd compile at deployment. `nidan-wasm-module` is an
// esbuild alias for "./nidan.wasm" or "./nidan-enrol.wasm", kept external.
import { initSync } from 'nidan-glue';
import module from 'nidan-wasm-module';

initSync({ module });

// A Cloudflare Worker: the package through its `workerd` condition, whose
// wasm modules the Worker imports as modules.
import { codes } from '../app/codes.js';

export default {
  fetch() {
    return new Response(codes());
  },
};

// `nidan`: the native API, loaded (`nidan-init` is init-embedded.js or init-workerd.js).
import 'nidan-init';

export * from '../index.js';

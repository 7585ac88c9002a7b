// Node, Deno and Bun, ESM: import the package as its users do.
import { codes } from '../app/codes.js';

console.log(codes());

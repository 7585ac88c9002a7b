// A page's script: shows the codes for the browser test to read.
import { codes } from './codes.js';

document.body.dataset.codes = codes();

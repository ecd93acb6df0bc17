// The content script's entry. tools/bundle/content-script.mjs bundles it with everything it
// imports into one classic script (extension/bundle/content.js), the file the manifest injects:
// no file of the extension is web-accessible, so the page can neither load nor probe one.
import { start } from './main.js';

start();

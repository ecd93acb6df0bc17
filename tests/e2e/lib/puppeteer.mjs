// puppeteer-core, loaded as CommonJS: its ES-module build (the package's "import" entry) took
// ~0.55 s of CPU to load in every test file's process, its CommonJS build ~0.35 s (the same code;
// `node -e` of each, /usr/bin/time, node 20, 2026-12-07), for 26 browser files a run.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export default require('puppeteer-core').default;

// ESLint (flat config) over the project's JavaScript: the extension, the node tools and CLI,
// and the tests. Run by scripts/test (lint step): npx eslint
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['build/', 'dist/', 'node_modules/', 'demo-output/', 'bench-output/', 'extension/engine/', 'extension/bundle/',
              'tests/e2e/artifacts/'] },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
      // Patterns that strip control characters from untrusted text match them on purpose.
      'no-control-regex': 'off',
    },
  },
  // The extension: browser code with the WebExtension APIs (service worker, content script, pages).
  {
    files: ['extension/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions, ...globals.serviceworker } },
  },
  // The stand-in page's own script runs in the page.
  {
    files: ['tests/e2e/standin/app.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  // Node: tools, CLI, scripts and tests.
  {
    files: ['**/*.mjs', 'scripts/fakemeter', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  // Tools and tests that drive a browser: puppeteer's evaluate callbacks run in a page or in the
  // extension's worker.
  {
    files: ['tests/e2e/**/*.mjs', 'tests/bench/**/*.mjs', 'tests/store/*.mjs', 'tools/icons/*.mjs', 'tools/research/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
];

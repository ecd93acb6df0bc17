// The e2e harness in one import. See tests/e2e/README.md.
export * from './paths.mjs';
export * from './standin.mjs';
export * from './browser.mjs';
export * from './overlay.mjs';
export * from './extension.mjs';
export * from './engine.mjs';
export * from './suite.mjs';

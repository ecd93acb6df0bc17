// The engine fetches its .wasm by URL (background/engine.js): in node, a file: URL is answered
// from the disk, anything else by node's own fetch. For tests that run the background's handlers.
import fs from 'node:fs';

export function fetchFileUrls() {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, ...rest) => {
    const u = new URL(url);
    return u.protocol === 'file:' ? new Response(fs.readFileSync(u), { status: 200 }) : realFetch(url, ...rest);
  };
}

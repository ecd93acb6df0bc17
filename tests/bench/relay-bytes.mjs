// What one check's save costs in storage changes, with a full history (5,000 entries with their
// reports): the bytes (JSON characters) storage.onChanged hands the background's listeners, and
// those each Instagram tab is sent (tab-relay.js). The real service worker module and store over
// the unit tests' fake chrome (tests/js/lib/fake-chrome.mjs; a browser clones the same values).
// Run: node tests/bench/relay-bytes.mjs
import { installFakeChrome } from '../js/lib/fake-chrome.mjs';
import { entry, historyOf } from '../js/lib/history-fixtures.mjs';

const fake = installFakeChrome({ events: true });
let toBackground = 0;
const onChanged = globalThis.chrome.storage.onChanged;
const add = onChanged.addListener, remove = onChanged.removeListener;
const wrapped = new Map();
onChanged.addListener = (l) => {
  const w = (changes, area) => { toBackground += JSON.stringify(changes).length; return l(changes, area); };
  wrapped.set(l, w);
  add(w);
};
onChanged.removeListener = (l) => remove(wrapped.get(l) || l);
let toTab = 0;
globalThis.chrome.tabs = { async query() { return [{ id: 1 }]; }, async sendMessage(id, m) { toTab += JSON.stringify(m).length; return {}; } };
const on = () => ({ addListener() {} });
Object.assign(globalThis.chrome.runtime, { onMessage: on(), onInstalled: on(), getManifest: () => ({ version: 'bench' }) });
await import('../../extension/background/service-worker.js');
const store = await import('../../extension/background/store.js');
const { MAX_ENTRIES } = await import('../../extension/shared/history.js');

const reasons = Array.from({ length: 6 }, (_, i) => ({ id: `reason.${i}`, severity: 'medium', params: { n: i } }));
fake.data.history = historyOf(Array.from({ length: MAX_ENTRIES }, (_, i) => entry(`profile.${i}`, i % 300, { id: String(1000 + i), reasons })));
const stored = JSON.stringify(fake.data.history).length;
await store.locked(() => store.putHistoryEntry(entry('profile.42', 400, { id: '1042', reasons })));
for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
console.log(`history stored: ${stored} characters (${MAX_ENTRIES} entries)`);
console.log(`one check's save: ${toBackground} characters handed to the background's storage listeners, ${toTab} sent to each Instagram tab`);
process.exit(0);

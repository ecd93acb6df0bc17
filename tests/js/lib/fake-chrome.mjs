// A fake `chrome` for the background's modules under node: storage.local in memory, with an
// optional byte quota (the JSON size of everything stored) whose overflow throws as Chromium's
// does and leaves storage as it was. Install it before importing the modules that use it.
// Returns {data (what is stored, to read and set directly), size(), quota (settable)}.
export function installFakeChrome() {
  const fake = { data: {}, quota: Infinity, size: () => JSON.stringify(fake.data).length };
  const { data } = fake;
  globalThis.chrome = {
    runtime: { getURL: (p) => `chrome-extension://test/${p}`, id: 'test' },
    i18n: { getUILanguage: () => 'en' },
    storage: {
      local: {
        async get(key) {
          if (key === null) return structuredClone(data);
          // A list of keys: those stored, as Chromium answers.
          return Object.fromEntries([].concat(key).filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
        },
        async set(items) {
          const backup = structuredClone(data);
          Object.assign(data, structuredClone(items));
          if (fake.size() > fake.quota) {
            for (const k of Object.keys(data)) delete data[k];
            Object.assign(data, backup);
            throw new Error('QUOTA_BYTES quota exceeded');
          }
        },
        async remove(keys) { for (const k of [].concat(keys)) delete data[k]; },
      },
    },
  };
  return fake;
}

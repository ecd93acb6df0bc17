// The content script's profile page (content/main.js ProfileFeature) under node: a fake background
// that records each message (`background.sent`) and answers it by `background.answers[what]` (a function of the
// message; an Error thrown from it is the message failing; none: {}), and the real Overlay's state
// with nothing drawn (`quietOverlay`, the DOM is not here). Set the globals main.js reads (document,
// fetch) first, then `await loadContentPage()`.
export const background = { sent: [], answers: {} };

globalThis.chrome = {
  runtime: {
    id: 'test',
    async sendMessage(m) {
      background.sent.push(m);
      const a = background.answers[m.what];
      return a ? a(m) : {};
    },
  },
};

// The globals of a page whose requests and DOM do not matter: every fetch answers {}, the document
// has no header and no og tags, and a timer of more than a second (the visit's late look at its
// badge's place, placeLate, 3.1 s on) does not hold the tests' end. Set before loadContentPage.
export function fakePageGlobals() {
  globalThis.fetch = async (url) => ({ status: 200, redirected: false, url, headers: { get: () => 'application/json' }, text: async () => '{}' });
  globalThis.document = { querySelectorAll: () => [], querySelector: () => null, documentElement: { getAttribute: () => null } };
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = (fn, ms, ...args) => {
    const timer = realSetTimeout(fn, ms, ...args);
    if (ms > 1000) timer.unref();
    return timer;
  };
}

export async function loadContentPage() {
  const { ProfileFeature } = await import('../../../extension/content/main.js');
  const { Overlay } = await import('../../../extension/content/overlay.js');
  const quietOverlay = (t, username, handlers) => {
    const o = Object.create(Overlay.prototype);
    Object.assign(o, { t, username, handlers, model: { kind: 'loading' }, audit: null, auditResuming: null, checked: null,
                       latestCount: null, firstSeen: null, formerUsernames: [], earlier: null });
    o.render = () => {};
    o.destroy = () => {};  // (nothing was drawn)
    return o;
  };
  return { ProfileFeature, quietOverlay };
}

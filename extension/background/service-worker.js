// Background: owns the engine, the stored state and the request scheduler. It answers
// messages, and on an install or update puts the content script into the open Instagram tabs
// (reinject.js); listeners are registered at the top level so a worker woken by a message
// gets it. Firefox runs this same module as an event page (background.scripts).
import { runtime, extensionOrigin, tabs, scripting, INJECTS_OPEN_TABS } from '../platform/browser.js';
import { dispatcher } from './dispatch.js';
import { contentHandlers, privilegedHandlers } from './handlers.js';
import { engine } from './engine.js';
import { isQuotaError, relayWritesTo } from './store.js';
import { injectIntoOpenTabs, REINJECT_REASONS } from './reinject.js';
import { tabRelay } from './tab-relay.js';

const HANDLERS = { content: contentHandlers, privileged: privilegedHandlers };
const dispatch = dispatcher({ handlers: HANDLERS, runtimeId: () => runtime.id, extensionOrigin, isQuotaError });

runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const { sync, answer } = dispatch(msg, sender);
  if (sync) {
    sendResponse(sync);
    return false;
  }
  answer.then(sendResponse);
  return true;
});

// Installed or updated (or reloaded): the Instagram tabs already open get the content script, which
// Chromium does not give them (reinject.js). Registered at the top level, as onMessage is.
runtime.onInstalled.addListener((details) => {
  if (INJECTS_OPEN_TABS || !REINJECT_REASONS.includes(details && details.reason)) return;
  injectIntoOpenTabs({ manifest: runtime.getManifest(), tabs, scripting })
    .then((results) => {
      const failed = results.filter((r) => r.error);
      if (failed.length) console.warn('fakemeter: the content script could not go into some open tabs:', failed);
    }, (e) => console.warn('fakemeter: could not inject the content script into open tabs:', e));
});

// The storage changes the Instagram tabs follow, sent to them from here (tab-relay.js says why they
// do not listen to storage themselves), from this worker's own writes (store.js relayWritesTo: it
// is the only writer of what they follow), not from a storage.onChanged listener, which would be
// handed the whole history, old and new, at each save of it. Set before any message is handled
// (top level), so a worker started again by a message tells the tabs of what that message writes.
// A relay begins as soon as its write went through, in the worker or event page that wrote, which
// the browser keeps running for that (the write, the tabs.query and tabs.sendMessage calls are
// extension calls, each keeping a Chromium worker alive 30 s more; a Firefox event page handling a
// message stays too). It is lost only if the background is torn down in the moment between:
// reloaded, updated or disabled (the tabs' copies of the content script are then orphaned or
// injected anew, and read all at their hello) or the browser closing or crashing. Not sent again
// after a restart: nothing records it (a tab shown again from the back-forward cache, or looked
// at again, reads what is stored: content/main.js catchUp, its visit).
relayWritesTo(tabRelay(tabs));

// Start loading the engine at once; failures surface on the first call that needs it.
engine().catch(() => {});

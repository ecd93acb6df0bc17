// Background: owns the engine, the stored state and the request scheduler. It answers
// messages, and on an install or update puts the content script into the open Instagram tabs
// (reinject.js); listeners are registered at the top level so a worker woken by a message
// gets it. Firefox runs this same module as an event page (background.scripts).
import { runtime, extensionOrigin, tabs, scripting, storageEvents, INJECTS_OPEN_TABS } from '../platform/browser.js';
import { dispatcher } from './dispatch.js';
import { contentHandlers, privilegedHandlers } from './handlers.js';
import { engine } from './engine.js';
import { isQuotaError } from './store.js';
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
// do not listen to storage themselves). At the top level, so that a change wakes a stopped worker
// (Chromium) or event page (Firefox) as a message does.
const relayToTabs = tabRelay(tabs);
storageEvents.addListener((changes, area) => { relayToTabs(changes, area); });

// Start loading the engine at once; failures surface on the first call that needs it.
engine().catch(() => {});

// Background: owns the engine, the stored state and the request scheduler. It answers
// messages only; listeners are registered at the top level so a worker woken by a message
// gets it. Firefox runs this same module as an event page (background.scripts).
import { runtime, extensionOrigin } from '../platform/browser.js';
import { channelOf, validateMessage } from '../shared/messages.js';
import { contentHandlers, privilegedHandlers } from './handlers.js';
import { engine } from './engine.js';
import { isQuotaError } from './store.js';

const HANDLERS = { content: contentHandlers, privileged: privilegedHandlers };

runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const channel = channelOf(sender, runtime.id, extensionOrigin);
  const check = validateMessage(msg, channel);
  if (!check.ok) {
    sendResponse({ error: { id: 'message.rejected', message: check.error } });
    return false;
  }
  Promise.resolve()
    .then(() => HANDLERS[channel][msg.what](msg, sender))
    .then((answer) => sendResponse(answer === undefined ? {} : answer),
          (e) => sendResponse({ error: { id: isQuotaError(e) ? 'storage.full' : 'background.failed',
                                         message: String(e && e.message ? e.message : e) } }));
  return true;
});

// Start loading the engine at once; failures surface on the first call that needs it.
engine().catch(() => {});

// From a message to its answer: the sender's channel, the message's shape, its handler, and the
// handler's error as an answer ({error: {id, message}}). A message with a sendId (a content
// script's send, the same id on every attempt) is answered once (answer-once.js): a retry of a
// slow message gets the first attempt's answer instead of running the handler again. The handler
// is told the sendId too: one whose answer must outlive a worker restart keeps it in storage.
import { channelOf, validateMessage } from '../shared/messages.js';
import { answerOnce } from './answer-once.js';

// runtimeId: a function, read at each message (as the listener read runtime.id before).
export function dispatcher({ handlers, runtimeId, extensionOrigin, isQuotaError, clock = Date.now }) {
  const once = answerOnce(clock);
  return function dispatch(msg, sender) {
    const channel = channelOf(sender, runtimeId(), extensionOrigin);
    const check = validateMessage(msg, channel);
    if (!check.ok) return { sync: { error: { id: 'message.rejected', message: check.error } } };
    const { sendId, ...body } = msg;
    const run = () => Promise.resolve()
      .then(() => handlers[channel][body.what](body, sender, { sendId: sendId || null }))
      .then((answer) => (answer === undefined ? {} : answer),
            (e) => ({ error: { id: isQuotaError(e) ? 'storage.full' : 'background.failed', message: String(e && e.message ? e.message : e) } }));
    // Per channel and tab: an id is the sender's own.
    const tab = sender && sender.tab ? `${sender.tab.id}/${sender.frameId ?? 0}` : '-';
    return { answer: sendId ? once(`${channel} ${tab} ${sendId}`, run) : run() };
  };
}

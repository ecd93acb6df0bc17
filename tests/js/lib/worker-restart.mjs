// A background worker started (again), as the extension wires it: its content handlers as a fresh
// module (what they kept in memory gone, storage.local as it was), behind a dispatcher of its own
// (answer-once.js's memory gone too). For the tests of what a restart between two attempts of one
// message must not do twice. Call after installFakeChrome.
const { isQuotaError } = await import('../../../extension/background/store.js');
const { dispatcher } = await import('../../../extension/background/dispatch.js');

let started = 0;
// Returns send(msg, from = sender): the message dispatched as from a page (a structured copy, as the
// browser hands it), its answer.
export async function startWorker(sender) {
  const { contentHandlers } = await import(`../../../extension/background/handlers.js?worker=${++started}`);
  const dispatch = dispatcher({ handlers: { content: contentHandlers }, runtimeId: () => 'test', extensionOrigin: 'chrome-extension://test/', isQuotaError });
  return (msg, from = sender) => {
    const { sync, answer } = dispatch(structuredClone(msg), from);
    return sync || answer;
  };
}

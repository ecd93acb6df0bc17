// The sends whose instant answer (handlers.js instant.analyze) the scheduler has recorded, kept in
// storage beside it and written with it, so that a restarted worker still knows them: a page asks
// again when its answer was lost as the worker restarted (content/messaging.js, the same send id
// on every attempt; answer-once.js remembers in memory only), and the one rate limit recorded
// again doubled the back-off (onRateLimited's level grows at each refusal in a row), or an answer
// recorded again reset a level a refusal since had raised. The retry is answered from the
// scheduler as it is. Pure: the handlers read and write them under the store's lock.
import { RETRY_MS } from './instant-slots.js';

export const INSTANT_ANSWERS_KEY = 'instantanswers';
const MAX_ANSWERS = 200;

// What is stored, read back: [{key, at}] (`at`: when it was recorded), those past a send's
// retries dropped. A time ahead of `now` by more than that (the clock moved back) is kept until
// it too has passed: dropped early, a retry would be recorded twice.
export function answersOf(raw, now) {
  if (!Array.isArray(raw)) return [];
  return raw.filter((a) => a && typeof a === 'object' && typeof a.key === 'string' && Number.isFinite(a.at)
    && (a.at + RETRY_MS > now || a.at > now));
}

// When the send `key` (null: none said) had its answer recorded, or null when it had none.
export function recordedAt(answers, key) {
  const a = key ? answers.find((x) => x.key === key) : null;
  return a ? a.at : null;
}

// `answers` with `key` (the newest MAX_ANSWERS kept).
export function withAnswer(answers, key, now) {
  return key ? [...answers, { key, at: now }].slice(-MAX_ANSWERS) : answers;
}

// The text under "Details for a bug report": the error, then where and with what it happened.

// What a bug report needs besides the error itself; set once by the content script.
let reportContext = { extension: '?', engine: null };
export function setReportContext(ctx) { reportContext = { ...reportContext, ...ctx }; }

export function bugReport(detail, username, now = new Date()) {
  return [
    String(detail),
    `profile: @${username}`,
    `Fakemeter ${reportContext.extension} · ${reportContext.engine || 'engine not loaded'}`,
    `browser: ${navigator.userAgent}`,
    `time: ${now.toISOString()}`,
  ].join('\n');
}

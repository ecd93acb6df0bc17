// Every piece of Instagram knowledge on the JS side, in one folder (instagram/): the endpoints
// and headers (web.js), the pages (pages.js), their counts and display name in the viewer's
// language (counts.js), the lists an audit reads (lists.js), the profile sources mapped to one document (profiles.js) and what an answer means
// (responses.js). What they rely on, and why, is in instagram/README.md. Instagram changes
// its web app without notice; when it does, that folder is the one place to edit.
export * from './instagram/web.js';
export * from './instagram/pages.js';
export * from './instagram/counts.js';
export * from './instagram/lists.js';
export * from './instagram/profiles.js';
export * from './instagram/responses.js';

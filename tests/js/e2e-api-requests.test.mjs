// The browser tests count the requests of one profile by its username parameter: a profile whose
// name begins another's (marco.travels, marco.travels.fan) must not be counted with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiRequests } from '../e2e/lib/standin.mjs';

const entry = (path, search) => ({ kind: 'api', path, search });
const standin = {
  log: () => [
    entry('/api/v1/users/web_profile_info/', '?username=marco.travels'),
    entry('/api/v1/users/web_profile_info/', '?username=marco.travels.fan'),
    entry('/api/v1/friendships/17/followers/', '?count=50&search_surface=follow_list_page'),
    { kind: 'page', path: '/marco.travels/', search: '' },
  ],
};

test('a username parameter matches that username only', () => {
  assert.deepEqual(apiRequests(standin, 'username=marco.travels').map((e) => e.search), ['?username=marco.travels']);
  assert.equal(apiRequests(standin, 'username=marco').length, 0);
});

test('anything else is a part of the path and query', () => {
  assert.equal(apiRequests(standin, '/followers/').length, 1);
  assert.equal(apiRequests(standin, 'web_profile_info').length, 2);
  assert.equal(apiRequests(standin, 'count=50&search').length, 1, 'two parameters: a substring');
  assert.equal(apiRequests(standin).length, 3, 'pages are not API requests');
});

// The buckets of an account's counts that the stand-in's conditional tables are keyed by
// ("<posts bucket>|<followers bucket>"): the fit (derive-distributions.mjs) and the draws
// (followers.mjs) share them.
export const POSTS_BUCKETS = ['0', '1-9', '10+'];
export const FOLLOWERS_BUCKETS = ['<100', '100-999', '1000+'];
export const postsBucket = (posts) => (posts === 0 ? '0' : posts < 10 ? '1-9' : '10+');
export const followersBucket = (followers) => (followers < 100 ? '<100' : followers < 1000 ? '100-999' : '1000+');
export const bucketKey = (postsBucketName, followersBucketName) => `${postsBucketName}|${followersBucketName}`;
export const countsBucket = (posts, followers) => bucketKey(postsBucket(posts), followersBucket(followers));

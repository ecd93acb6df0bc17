// An account as Instagram's answers show it, written from the endpoint facts in
// extension/shared/instagram/README.md, for tests that send real data through the extension's own
// parsing. Written here, not with the adapter, so the adapter is not asked to make its own input.
//
// An account is {username, full_name, biography, external_url, has_pic, is_private, is_verified,
// media_count, follower_count, following_count, pk}; a field left undefined is one the data set
// does not have, and is left out of every answer (the adapter and the engine read it as unknown).
// external_url is '' for "no link" (Instagram's users/<id>/info writes "", web_profile_info null).

// Instagram's default ("anonymous") avatar, as its CDN serves it.
export const DEFAULT_AVATAR_URL =
  'https://scontent-fra5-1.cdninstagram.com/v/t51.2885-19/44884218_345707102882519_2446069589734326272_n.jpg?stp=dst-jpg_s150x150&_nc_ht=scontent-fra5-1.cdninstagram.com';
const ownAvatar = (a) => `https://scontent-fra5-1.cdninstagram.com/v/t51.2885-19/${a.pk}_${a.pk}_n.jpg?stp=dst-jpg_s150x150`;

// Keeps only the keys whose value is defined.
const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const picUrl = (a) => (a.has_pic === undefined ? undefined : a.has_pic ? ownAvatar(a) : DEFAULT_AVATAR_URL);

// GET /api/v1/users/web_profile_info/?username=<name>: data.user with nested graph counts; no link
// is external_url null and bio_links []. This document carries the picture as its URL only.
export function webProfileInfo(a) {
  const link = a.external_url === undefined ? undefined : a.external_url || null;
  return {
    data: {
      user: defined({
        id: a.pk, username: a.username, full_name: a.full_name, biography: a.biography,
        external_url: link, bio_links: link === undefined ? undefined : link ? [{ title: '', lynx_url: link, url: link, link_type: 'external' }] : [],
        is_private: a.is_private, is_verified: a.is_verified, is_business_account: false, is_professional_account: false,
        category_name: null, profile_pic_url: picUrl(a), profile_pic_url_hd: picUrl(a),
        edge_followed_by: { count: a.follower_count },
        edge_follow: a.following_count === undefined ? undefined : { count: a.following_count },
        edge_owner_to_timeline_media: a.media_count === undefined ? undefined : { count: a.media_count, edges: [] },
      }),
    },
    status: 'ok',
  };
}

// GET /api/v1/users/<id>/info/: the flat user; no link is external_url "" and bio_links [].
export function usersInfo(a) {
  return {
    user: defined({
      pk: a.pk, pk_id: a.pk, username: a.username, full_name: a.full_name, biography: a.biography,
      external_url: a.external_url,
      bio_links: a.external_url === undefined ? undefined : a.external_url ? [{ url: a.external_url, title: '' }] : [],
      is_private: a.is_private, is_verified: a.is_verified, is_business: false, category: '',
      follower_count: a.follower_count, following_count: a.following_count, media_count: a.media_count,
      profile_pic_url: picUrl(a), has_anonymous_profile_picture: a.has_pic === undefined ? undefined : !a.has_pic,
    }),
    status: 'ok',
  };
}

// One user of the followers list or a post's likers: profile_pic_id only for a picture of one's own.
export function listUser(a) {
  return defined({
    pk: a.pk, pk_id: a.pk, id: a.pk, strong_id__: a.pk, username: a.username, full_name: a.full_name,
    is_private: a.is_private, is_verified: a.is_verified, profile_pic_url: picUrl(a),
    profile_pic_id: a.has_pic ? `${a.pk}_${a.pk}` : undefined,
    has_anonymous_profile_picture: a.has_pic === undefined ? undefined : !a.has_pic,
  });
}

// GET /api/v1/friendships/<id>/followers/: the last page (no next_max_id).
export const followersPage = (accounts) => ({
  users: accounts.map(listUser), big_list: false, page_size: 50, should_limit_list_of_followers: false, status: 'ok',
});

// GET /api/v1/media/<id>/likers/: the list whole, with user_count.
export const likersPage = (accounts) => ({ users: accounts.map(listUser), user_count: accounts.length, status: 'ok' });

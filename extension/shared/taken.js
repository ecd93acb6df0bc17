// A username taken over by another account: the entry of the account that had it is not lost.
//
// A check of @x that reads another account than the one stored under @x (the old owner renamed
// away or left, and someone else took the name) used to replace the old owner's entry with the
// new account's. Now that entry is kept in the set-aside list (set-aside.js), as an item that
// names the account (`user_id`) and the name it lost (`taken`), and stays findable: a later check
// that reads that account under any name brings it back (history.js withRename, `kept`), the item
// leaves the list, and the account's history goes on with @x among its former names.
//
// Why the set-aside list and not the history itself: the history holds one entry per name, and @x
// is the new owner's now; a second map of entries would need its own export, import, search and
// limit. The set-aside list already is the place for what left the history without the user
// asking: it is shown in the popup with download and discard, bounded (MAX_TAKEN such items, the
// oldest going first, in a cap of their own: the list's other kinds never push them out), and kept in storage beside the history. The full report is not kept there (as
// for the profiles past the history's limit: history.js overflow), only the entry's numbers, its
// audit's result, badge and first count, so 200 items stay small (a few hundred kB at most).

import { entryUserId, validateEntry, renamedTo } from './history.js';

// The aside item for `entry` (another account's, `newId` now holding its name): where it was, why
// (in English, for the download; the popup words it in the user's language from `taken`), the
// entry without its full report, its account, and the name it lost.
export function takenItem(entry, newId) {
  const name = entry.username, id = entryUserId(entry);
  return {
    key: `entries.${name}`,
    reason: `the name @${name} now belongs to another account (id ${newId}): the entry of the account that had it (id ${id}) ` +
      'is kept here with its numbers, without its full report, and goes back into the history when that account is checked under a new name',
    value: { ...entry, report: null },
    user_id: id,
    taken: name,
  };
}

// The aside items kept for account `id` (takenItem's), oldest first as in the list, each with its
// entry as the history keeps it (`entry`: validated, since storage may hold anything; an item whose
// value is no entry stays aside, for the user to download).
export function keptFor(list, id) {
  if (!id) return [];
  return list.filter((i) => i.taken && i.user_id === id).map((i) => ({ ...i, entry: validateEntry(i.value).entry }))
    .filter((i) => i.entry);
}

// What a profile's page and the popup say of an earlier account that had `username`: the name it
// goes by now when its history moved there ({movedTo}), else that it is kept aside ({aside: true}),
// else null. Not the account `ownId` itself (a rename of its own: its "Formerly" line says that).
export function earlierOwner(history, list, username, ownId = null) {
  const name = String(username).toLowerCase();
  const movedTo = renamedTo(history, name, { exceptId: ownId });
  if (movedTo) return { movedTo };
  return list.some((i) => i.taken === name && i.user_id !== ownId) ? { aside: true } : null;
}

// What the set-aside list keeps of each kind, for its note and the discard's confirmation to say
// (popup.js): `taken`, entries of accounts whose name another account took (their history's only
// copy here: they come back into the history by themselves, until discarded); `numbers`, profiles
// past the history's limit (history.js overflow: numbers kept, not the full report; an entry too);
// `unreadable`, what could not be read, kept as it was (`held` ones too, still in their place).
export function asideKinds(list, held = []) {
  const kinds = { taken: 0, numbers: 0, unreadable: held.length };
  for (const i of list) {
    const v = i.value;
    if (i.taken) kinds.taken++;
    else if (v && typeof v === 'object' && i.key === `entries.${v.username}` && !validateEntry(v).error) kinds.numbers++;
    else kinds.unreadable++;
  }
  return kinds;
}

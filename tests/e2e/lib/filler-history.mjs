// A long history made of copies of one stored entry, for the tests and research scripts that need
// storage full or a history large (extension-quota, tools/research/history_*.mjs).

// `n` copies of the history entry `template` under filler_00000, filler_00001, ..., computed one
// second apart from `base`, each of its own account (its own id): copies naming the template's
// account would be that one account under hundreds of names, which a check of it gathers into one
// entry (a rename). `reports` false: the copies keep no report (their numbers only).
export function fillerEntries(template, n, base, { reports = true } = {}) {
  const entries = {};
  for (let i = 0; i < n; i++) {
    const username = `filler_${String(i).padStart(5, '0')}`;
    const id = String(900_000_000 + i);
    entries[username] = { ...template, username, computed_at: base + i * 1000,
                          first_seen: template.first_seen && { ...template.first_seen, user_id: id },
                          report: reports ? { ...template.report, username, user_id: id } : null };
  }
  return entries;
}

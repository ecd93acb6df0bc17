// The notes on why the range's ends reach so far (the engine's regime.stricter_note and
// lenient_note), as the panel and the CLI word them. Each names the end of the reading the
// report's regimes are: with 1-7 accounts fetched in full and the lite tier set aside, that is the
// list's own reading, while the range shown also holds the fetched accounts' own reading and the
// pooled count (estimator/audience.cpp, kListPointBelow), so it can reach further; with none
// fetched, the pooled count alone can. There the
// engine's words ("takes the range's upper end to 41%", beside a range ending at 63%) would be
// false: such a note says whose end it names and the end shown instead. Done here, not in the
// engine, whose gzipped build is at its size budget.
import { word, fill } from './words.js';

const ENDS = [
  { note: 'stricter_note', part: 'stricter', param: 'high', end: 'ci_high', key: 'rangeEndStricterList' },
  { note: 'lenient_note', part: 'lenient', param: 'low', end: 'ci_low', key: 'rangeEndLenientList' },
];

// [{part, text, reading}] for the notes an estimate report carries: reading 'shown' where the end
// the note names is the end shown, 'list' where it is the list's own reading's.
export function rangeEndNotes(t, est) {
  const regime = est && est.regime;
  if (!regime || typeof regime !== 'object') return [];
  const out = [];
  for (const { note, part, param, end, key } of ENDS) {
    const msg = regime[note];
    if (!msg || typeof msg !== 'object' || typeof msg.id !== 'string') continue;
    const named = msg.params ? msg.params[param] : undefined;
    const shown = est[end];
    // Reports saved before the range held both readings (or a note without its number): as given.
    const apart = regime.tier === 'lite' && typeof named === 'number' && typeof shown === 'number' && named !== shown;
    // With none fetched the range holds the pooled count beside the regimes' reading; with some,
    // the fetched accounts' own reading too.
    const said = est.full_sample_size === 0 ? `${key}Alone` : key;
    out.push(apart ? { part, reading: 'list', text: fill(t, said, { [param]: named, shown }) }
      : { part, reading: 'shown', text: word(t, msg) });
  }
  return out;
}

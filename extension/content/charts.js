// The panel's pictures: the interval bar, the audience breakdown and the likes sparkline.
import { el, SVG_NS } from './dom.js';
import { percentNumber, percentText } from '../shared/format.js';
import { noteText } from '../shared/words.js';
import { breakdownRowText, breakdownAriaLabel } from '../shared/breakdown-words.js';

const CATEGORIES = ['likely_fake', 'mass_followers', 'influencers_brands', 'private_real', 'public_real'];

export function intervalBar(t, r) {
  const p = (v) => percentNumber(v, t.lang);
  const wrap = el('div', { class: 'interval', role: 'img',
    'aria-label': t('intervalAria', p(r.fake_percent), p(r.ci_low ?? r.fake_percent), p(r.ci_high ?? r.fake_percent)) });
  const clamp = (v) => Math.max(0, Math.min(100, v));
  const lo = clamp(r.ci_low ?? r.fake_percent);
  const hi = clamp(r.ci_high ?? r.fake_percent);
  const range = el('span', { class: 'range' });
  range.style.left = `${lo}%`;
  range.style.width = `${Math.max(0.5, hi - lo)}%`;
  const tick = el('span', { class: 'tick' });
  tick.style.left = `${clamp(r.fake_percent)}%`;
  wrap.append(range, tick);
  const scale = el('div', { class: 'scale', 'aria-hidden': 'true' });
  scale.append(...[0, 50, 100].map((v) => el('span', {}, percentText(v, t.lang))));
  const box = el('div');
  box.append(wrap, scale);
  return box;
}

export function breakdownChart(t, audience) {
  const box = el('div', { class: 'breakdown' });
  box.append(el('h3', {}, t('breakdownTitle', audience.sample_size ?? '?')));
  const bar = el('div', { class: 'stack', role: 'img' });
  const legend = el('ul', { class: 'legend' });
  const parts = [];
  for (const cat of CATEGORIES) {
    const raw = audience.breakdown[cat];
    const share = raw && raw.share;
    if (typeof share !== 'number') continue;
    const seg = el('span', { class: `seg cat-${cat}` });
    seg.style.width = `${Math.max(0, Math.min(100, share))}%`;
    bar.append(seg);
    const label = t(`cat_${cat}`);
    const li = el('li');
    li.append(el('span', { class: `swatch cat-${cat}` }), el('span', {}, breakdownRowText(t, label, raw)));
    legend.append(li);
    parts.push({ label, row: raw });
  }
  bar.setAttribute('aria-label', breakdownAriaLabel(t, parts));
  box.append(bar, legend);
  // What the split rests on, and what its counts are (a share is the corrected estimate, a count
  // the sampled accounts so flagged): without it "Likely fake: 34% (2 in the sample)" reads as a
  // contradiction. The sampling note stands in only where a report has no notes of its own (the
  // rows above already say it).
  const note = noteText(t, audience.breakdown.notes ?? audience.breakdown.note) || noteText(t, audience.sampling_note);
  if (note) box.append(el('p', { class: 'muted', part: 'breakdown-note' }, note));
  return box;
}

export function sparkline(t, posts) {
  // Posts come newest first; the line reads left (oldest) to right (newest).
  const likes = posts.slice().reverse().map((x) => (typeof x.likes === 'number' && x.likes >= 0 ? x.likes : null));
  const vals = likes.filter((v) => v !== null);
  const w = 240, h = 40;
  const low = Math.min(...vals), high = Math.max(...vals);
  const scale = Math.max(1, high);  // all zeros sit on the baseline
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('class', 'spark');
  svg.setAttribute('role', 'img');
  // Said of the posts it shows: with some likes hidden, "the last 1 post" was the fifth.
  svg.setAttribute('aria-label', vals.length === likes.length ? t('sparkAria', vals.length, low, high)
    : t('sparkAriaSome', vals.length, likes.length, low, high));
  // Inset by a dot's radius, so a dot at an end or at the top is drawn whole.
  const pad = 3, step = likes.length > 1 ? (w - 2 * pad) / (likes.length - 1) : 0;
  const at = (v, i) => [(likes.length > 1 ? pad + i * step : w / 2).toFixed(1), (h - pad - (v / scale) * (h - 2 * pad)).toFixed(1)];
  // One line per run of visible counts (a hidden one is a gap, not a straight line across it), a
  // dot for a count alone (a one-point line draws nothing).
  let run = [];
  const draw = () => {
    if (run.length === 1) {
      const dot = document.createElementNS(SVG_NS, 'circle');
      dot.setAttribute('cx', run[0][0]);
      dot.setAttribute('cy', run[0][1]);
      dot.setAttribute('r', '2.5');
      dot.setAttribute('class', 'spark-dot');
      svg.append(dot);
    } else if (run.length > 1) {
      const line = document.createElementNS(SVG_NS, 'polyline');
      line.setAttribute('points', run.map((pt) => pt.join(',')).join(' '));
      line.setAttribute('fill', 'none');
      line.setAttribute('class', 'spark-line');
      svg.append(line);
    }
    run = [];
  };
  likes.forEach((v, i) => (v === null ? draw() : run.push(at(v, i))));
  draw();
  const box = el('div', { class: 'sparkbox' });
  box.append(el('h3', {}, t('sparkTitle')), svg);
  return box;
}

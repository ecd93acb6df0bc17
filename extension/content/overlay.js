// The overlay: a badge beside the follower count and a panel opened from it, each in its own
// (open, for tests) shadow root so Instagram's styles and ours never meet. Every string that
// came from the page or from Instagram is set with textContent; no innerHTML anywhere.
import { SELECTORS, FOLLOWER_WORDS } from '../shared/instagram.js';
import { fmtPercent, ageText, STATE_CHIPS } from '../shared/i18n.js';
import { STYLE } from './overlay-style.js';
import { renderCommentsSection, commentsPlanText } from './panel-comments.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const CATEGORIES = ['likely_fake', 'mass_followers', 'influencers_brands', 'private_real', 'public_real'];
const PIN_AFTER_MS = 3000;

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// What a bug report needs besides the error itself; set once by the content script.
let reportContext = { extension: '?', engine: null };
export function setReportContext(ctx) { reportContext = { ...reportContext, ...ctx }; }

// The text under "Details for a bug report": the error, then where and with what it happened.
export function bugReport(detail, username, now = new Date()) {
  return [
    String(detail),
    `profile: @${username}`,
    `Fakemeter ${reportContext.extension} · ${reportContext.engine || 'engine not loaded'}`,
    `browser: ${navigator.userAgent}`,
    `time: ${now.toISOString()}`,
  ].join('\n');
}

function isDarkPage() {
  const bg = getComputedStyle(document.body || document.documentElement).backgroundColor;
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/.exec(bg || '');
  if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
    const [r, g, b] = [m[1], m[2], m[3]].map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.5;
  }
  return matchMedia('(prefers-color-scheme: dark)').matches;
}

// Where the badge goes: right after the followers link; else inside the header item that
// names followers; else nowhere (the caller then pins it to the viewport).
export function findAnchor(root = document) {
  const link = root.querySelector(SELECTORS.followersLink);
  if (link) return { after: link };
  for (const li of root.querySelectorAll(SELECTORS.headerItems)) {
    const text = li.textContent.toLowerCase();
    if (FOLLOWER_WORDS.some((w) => text.includes(w))) return { inside: li };
  }
  return null;
}

export function estimateText(t, r) {
  if (typeof r.fake_percent !== 'number') return null;
  if (typeof r.ci_low === 'number' && typeof r.ci_high === 'number') {
    return t('badgeEstimate', fmtPercent(r.fake_percent), fmtPercent(r.ci_low), fmtPercent(r.ci_high));
  }
  return t('badgeEstimateNoInterval', fmtPercent(r.fake_percent));
}

export class Overlay {
  constructor(t, username, handlers) {
    this.t = t;
    this.username = username;
    this.handlers = handlers;  // {onAudit, onCancel, onRecheck, onRun, plan (what an audit would read)}
    this.model = { kind: 'loading' };
    this.audit = null;
    this.panelOpen = false;
    this.createdAt = Date.now();

    this.badgeHost = el('span', { 'data-fakemeter': 'badge' });
    this.badgeRoot = this.badgeHost.attachShadow({ mode: 'open' });
    this.badgeRoot.append(el('style', {}, STYLE));
    this.badge = el('span', { class: 'badge', role: 'button', tabindex: '0', part: 'badge', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' });
    this.badgeRoot.append(this.badge);
    this.badge.addEventListener('click', () => this.togglePanel());
    this.badge.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.togglePanel(); }
    });

    this.panelHost = el('div', { 'data-fakemeter': 'panel' });
    this.panelRoot = this.panelHost.attachShadow({ mode: 'open' });
    this.panelRoot.append(el('style', {}, STYLE));
    this.panel = el('div', { class: 'panel', role: 'dialog', 'aria-label': t('panelTitle', username), tabindex: '-1' });
    this.panelRoot.append(this.panel);
    this.panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.closePanel(); });
    this.render();
  }

  // Puts the badge in the page (again, after the app re-rendered the header). Returns
  // whether it is attached to a real anchor.
  place() {
    const anchor = findAnchor();
    const theme = isDarkPage() ? 'dark' : 'light';
    this.badgeHost.setAttribute('data-theme', theme);
    this.panelHost.setAttribute('data-theme', theme);
    if (anchor) {
      this.badgeHost.classList.remove('fm-pinned');
      this.badgeHost.removeAttribute('style');
      if (anchor.after && anchor.after.nextSibling !== this.badgeHost) anchor.after.after(this.badgeHost);
      if (anchor.inside && this.badgeHost.parentNode !== anchor.inside) anchor.inside.append(this.badgeHost);
      return true;
    }
    // Pinned to the viewport only when no follower count showed up for a few seconds.
    if (Date.now() - this.createdAt < PIN_AFTER_MS) return false;
    if (!this.badgeHost.isConnected) {
      this.badgeHost.setAttribute('style', 'position:fixed;top:12px;right:12px;z-index:2147483646');
      document.documentElement.append(this.badgeHost);
    }
    return false;
  }

  isPlaced() {
    return this.badgeHost.isConnected && this.badgeHost.getAttribute('style') === null;
  }

  destroy() {
    this.badgeHost.remove();
    this.panelHost.remove();
  }

  setLoading() { this.model = { kind: 'loading' }; this.render(); }
  setIdle() { this.model = { kind: 'idle' }; this.render(); }

  setReport(report, { computedAt, cached = false, rough = false, storageFull = false, storageShrunk = false } = {}) {
    this.model = { kind: 'report', report, computedAt, cached, rough, storageFull, storageShrunk };
    this.render();
  }

  setState(state, { detail = null, retryAt = null } = {}) {
    this.model = { kind: 'state', state, detail, retryAt };
    this.render();
  }

  setAudit(view) {
    this.audit = view;
    this.auditStorageFull = false;
    if (view && view.report && (view.progress.requests > 0 || view.progress.status !== 'running')) {
      this.model = { kind: 'report', report: view.report, computedAt: Date.now(), cached: false, rough: false };
    }
    this.render();
  }

  // Storage stayed full after making room, so the audit could not save its next step: the
  // report stays; the audit section says why it stopped. Without a report, it is the state.
  noteStorageFull() {
    if (this.model.kind !== 'report') { this.setState('storage_full'); return; }
    this.auditStorageFull = true;
    this.render();
  }

  togglePanel() { if (this.panelOpen) this.closePanel(); else this.openPanel(); }

  openPanel() {
    this.panelOpen = true;
    this.badge.setAttribute('aria-expanded', 'true');
    if (!this.panelHost.isConnected) document.documentElement.append(this.panelHost);
    this.render();
    const first = this.panel.querySelector('button');
    (first || this.panel).focus();
  }

  closePanel() {
    this.panelOpen = false;
    this.badge.setAttribute('aria-expanded', 'false');
    this.panelHost.remove();
    this.badge.focus();
  }

  // ---- drawing

  render() {
    this.renderBadge();
    if (this.panelOpen) this.renderPanel();
  }

  stateMessage(state, detail, retryAt) {
    const { t } = this;
    if (state === 'rate_limited') {
      return retryAt ? t('stateRateLimitedUntil', new Date(retryAt).toLocaleTimeString()) : t('stateRateLimited');
    }
    const key = {
      loading: 'stateLoading', private: 'statePrivate', no_posts: 'stateNoPosts', posts_unavailable: 'statePostsUnavailable', hidden_likes: 'stateHiddenLikes',
      logged_out: 'stateLoggedOut', not_found: 'stateNotFound', changed: 'stateChanged', engine_failed: 'stateEngineFailed',
      challenge: 'stateChallenge', storage_full: 'stateStorageFull', new_account: 'stateNewAccount', insufficient: 'stateInsufficient', idle: 'stateIdle',
    }[state] || 'stateChanged';
    return t(key);
  }

  stateNode(state, detail, retryAt, short = false) {
    const node = el('span', { part: 'state', 'data-state': state, class: `state state-${state}`, role: 'status' },
                    short ? this.t(`chip_${state}`) : this.stateMessage(state, detail, retryAt));
    return node;
  }

  renderBadge() {
    const { t, model } = this;
    const b = this.badge;
    b.replaceChildren();
    b.className = 'badge';
    let label;
    if (model.kind === 'report') {
      const r = model.report;
      const text = estimateText(t, r);
      b.classList.add(`grade-${r.grade || 'unknown'}`);
      if (text) {
        b.append(el('span', { part: 'badge-text', class: 'badge-text' }, text));
        if (model.rough) b.append(el('span', { class: 'note', part: 'badge-note' }, t('roughEstimate')));
        label = t('badgeAria', text, t(`grade_${r.grade || 'unknown'}`));
      } else {
        const primary = (r.states || []).find((s) => s !== 'new_account') || 'insufficient';
        b.append(this.stateNode(primary === 'not_found' ? 'not_found' : primary));
        label = this.stateMessage(primary);
      }
      for (const s of r.states || []) {
        if (text && STATE_CHIPS.includes(s)) b.append(this.stateNode(s, null, null, true));
      }
      if (model.rough && text) b.append(this.stateNode('logged_out', null, null, true));
      if (model.cached) b.append(el('span', { class: 'note' }, ageText(t, Date.now() - model.computedAt)));
    } else if (model.kind === 'state') {
      b.classList.add('grade-unknown');
      b.append(this.stateNode(model.state, model.detail, model.retryAt));
      label = this.stateMessage(model.state, model.detail, model.retryAt);
    } else if (model.kind === 'idle') {
      b.append(el('span', { class: 'badge-text' }, t('badgeRun')));
      label = t('badgeRun');
    } else {
      b.append(this.stateNode('loading'));
      label = t('stateLoading');
    }
    if (this.audit && this.audit.progress.status === 'running') {
      const p = this.audit.progress;
      b.append(el('span', { class: 'note' }, t('badgeAuditing', p.listsDone + p.profilesDone, p.listsTarget + p.profilesTarget)));
    }
    b.setAttribute('aria-label', `${t('extName')}: ${label}. ${t('badgeOpenHint')}`);
  }

  renderPanel() {
    const { t, model } = this;
    const p = this.panel;
    p.replaceChildren();
    const head = el('div', { class: 'head' });
    head.append(el('h2', {}, t('panelTitle', this.username)));
    const close = el('button', { class: 'close', 'aria-label': t('close'), part: 'close' }, '×');
    close.addEventListener('click', () => this.closePanel());
    head.append(close);
    p.append(head);

    if (model.kind === 'report') this.renderReport(p, model);
    else if (model.kind === 'state') {
      p.append(this.stateNode(model.state, model.detail, model.retryAt));
      if (model.detail) {
        p.append(el('p', { class: 'muted' }, t('bugReportHint')));
        p.append(el('pre', { class: 'detail', part: 'detail' }, bugReport(model.detail, this.username)));
      }
    } else if (model.kind === 'idle') {
      const run = el('button', { part: 'run' }, t('badgeRun'));
      run.addEventListener('click', () => this.handlers.onRun());
      p.append(run);
    } else {
      p.append(this.stateNode('loading'));
    }
    this.renderAuditSection(p);
  }

  renderReport(p, model) {
    const { t } = this;
    const r = model.report;
    const text = estimateText(t, r);
    p.append(el('div', { part: 'panel-estimate', class: `estimate grade-${r.grade || 'unknown'}` },
                text || this.stateMessage((r.states || [])[0] || 'insufficient')));
    p.append(el('div', { class: 'grade' }, t(`grade_${r.grade || 'unknown'}`)));
    if (model.rough) p.append(el('p', { class: 'muted' }, t('roughExplain')));
    if (model.storageFull || model.storageShrunk) {
      p.append(el('p', { class: 'muted', part: 'storage-note' }, t(model.storageFull ? 'storageFull' : 'storageShrunk')));
    }
    for (const s of r.states || []) p.append(this.stateNode(s));

    if (typeof r.fake_percent === 'number') p.append(this.intervalBar(r));
    const conf = { instant: 'confidenceInstant', audited: 'confidenceAudited', none: 'confidenceNone' }[r.confidence] || 'confidenceNone';
    p.append(el('p', { class: 'muted' }, t(conf)));
    if (r.combined_note) p.append(el('p', { class: 'muted' }, r.combined_note));
    if (r.profile_source) p.append(el('p', { class: 'muted', part: 'profile-source' }, t(`profileSource_${r.profile_source}`)));

    if (Array.isArray(r.reasons) && r.reasons.length) {
      p.append(el('h3', {}, t('reasonsTitle')));
      const ul = el('ul', { class: 'reasons' });
      for (const reason of r.reasons.slice(0, 12)) {
        const li = el('li', { class: `sev-${reason.severity}` });
        li.append(el('span', { class: 'dot', 'aria-label': t(`severity_${reason.severity}`) || reason.severity }));
        li.append(el('span', {}, String(reason.text)));
        ul.append(li);
      }
      p.append(ul);
    }
    if (this.audit && this.audit.estimates) p.append(this.sourceRows(this.audit));
    renderCommentsSection(p, this.audit, t);
    const audience = (this.audit && this.audit.estimate) || r.audience;
    if (audience && audience.breakdown) p.append(this.breakdownChart(audience));
    if (Array.isArray(r.posts) && r.posts.some((x) => typeof x.likes === 'number')) p.append(this.sparkline(r.posts));

    const foot = el('div', { class: 'foot' });
    const when = model.computedAt ? new Date(model.computedAt) : new Date();
    foot.append(el('span', { class: 'muted', part: 'computed-at' },
                   t('computedAt', when.toLocaleString(), ageText(t, Date.now() - when.getTime()))));
    const recheck = el('button', { part: 'recheck' }, t('recheck'));
    recheck.addEventListener('click', () => this.handlers.onRecheck());
    foot.append(recheck);
    p.append(foot);
    if (r.engine) p.append(el('p', { class: 'tiny' }, r.engine));
  }

  intervalBar(r) {
    const wrap = el('div', { class: 'interval', role: 'img',
      'aria-label': this.t('intervalAria', fmtPercent(r.fake_percent), fmtPercent(r.ci_low ?? r.fake_percent), fmtPercent(r.ci_high ?? r.fake_percent)) });
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
    scale.append(el('span', {}, '0%'), el('span', {}, '50%'), el('span', {}, '100%'));
    const box = el('div');
    box.append(wrap, scale);
    return box;
  }

  breakdownChart(audience) {
    const { t } = this;
    const box = el('div', { class: 'breakdown' });
    box.append(el('h3', {}, t('breakdownTitle', audience.sample_size ?? '?')));
    const bar = el('div', { class: 'stack', role: 'img' });
    const legend = el('ul', { class: 'legend' });
    const parts = [];
    for (const cat of CATEGORIES) {
      const raw = audience.breakdown[cat];
      const share = raw && raw.share;
      if (typeof share !== 'number') continue;
      const item = { share, count: raw.count };
      const seg = el('span', { class: `seg cat-${cat}` });
      seg.style.width = `${Math.max(0, Math.min(100, item.share))}%`;
      bar.append(seg);
      const label = t(`cat_${cat}`);
      const li = el('li');
      li.append(el('span', { class: `swatch cat-${cat}` }), el('span', {}, `${label}: ${fmtPercent(item.share)}% (${item.count ?? 0})`));
      legend.append(li);
      parts.push(`${label} ${fmtPercent(item.share)}%`);
    }
    bar.setAttribute('aria-label', parts.join(', '));
    box.append(bar, legend);
    const note = audience.sampling_note || audience.breakdown.note;
    if (typeof note === 'string') box.append(el('p', { class: 'muted' }, note));
    return box;
  }

  // One row per sampled source: who it is, how many were listed and checked, its estimate;
  // each source's sampling note names the population its estimate is about.
  sourceRows(audit) {
    const { t } = this;
    const src = audit.progress.sources;
    const box = el('div', { class: 'sources', part: 'sources' });
    box.append(el('h3', {}, t('sourcesTitle')));
    const who = {
      followers: t(src.followers.limited ? 'sourceFollowersLimited' : 'sourceFollowers', src.followers.listed,
                   (src.followers.population || src.followers.listed).toLocaleString()),
      likers: t('sourceLikers', src.likers.posts, src.likers.listed, src.likers.checked),
      commenters: t('sourceCommenters', src.commenters.posts, src.commenters.listed, src.commenters.checked),
    };
    for (const key of ['followers', 'likers', 'commenters']) {
      if (!src[key].listed) continue;
      const est = audit.estimates[key];
      const row = el('div', { class: 'source', part: `source-${key}` });
      row.append(el('p', {}, est ? t('sourceEstimate', who[key], fmtPercent(est.fake_percent), fmtPercent(est.ci_low),
                                     fmtPercent(est.ci_high)) : t('sourcePending', who[key])));
      if (est && typeof est.sampling_note === 'string') row.append(el('p', { class: 'muted' }, est.sampling_note));
      box.append(row);
    }
    return box;
  }

  sparkline(posts) {
    const { t } = this;
    // Posts come newest first; the line reads left (oldest) to right (newest).
    const likes = posts.slice().reverse().map((x) => (typeof x.likes === 'number' && x.likes >= 0 ? x.likes : null));
    const vals = likes.filter((v) => v !== null);
    const w = 240, h = 40;
    const max = Math.max(1, ...vals);
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
    svg.setAttribute('class', 'spark');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', t('sparkAria', vals.length, Math.min(...vals), max));
    const step = likes.length > 1 ? w / (likes.length - 1) : 0;
    const pts = [];
    likes.forEach((v, i) => { if (v !== null) pts.push(`${(i * step).toFixed(1)},${(h - 2 - (v / max) * (h - 4)).toFixed(1)}`); });
    const line = document.createElementNS(SVG_NS, 'polyline');
    line.setAttribute('points', pts.join(' '));
    line.setAttribute('fill', 'none');
    line.setAttribute('class', 'spark-line');
    svg.append(line);
    const box = el('div', { class: 'sparkbox' });
    box.append(el('h3', {}, t('sparkTitle')), svg);
    return box;
  }

  renderAuditSection(p) {
    const { t } = this;
    const sec = el('section', { class: 'audit', 'aria-label': t('auditTitle') });
    sec.append(el('h3', {}, t('auditTitle')));
    const a = this.audit;
    const running = a && a.progress.status === 'running';
    if (a) {
      const pr = a.progress;
      const total = Math.max(1, pr.listsTarget + pr.profilesTarget);
      const done = pr.listsDone + pr.profilesDone;
      const bar = el('progress', { part: 'progress', max: String(total), value: String(done),
        'aria-valuemin': '0', 'aria-valuemax': String(total), 'aria-valuenow': String(done),
        'aria-label': t('auditProgressAria') });
      sec.append(bar);
      sec.append(el('p', { class: 'muted', part: 'progress-text' },
                    t('auditProgress', pr.listsDone, pr.listsTarget, pr.profilesDone, pr.profilesTarget, pr.requests, pr.budget)));
      if (pr.budgetReached) sec.append(el('p', { class: 'muted' }, t('auditBudgetReached', pr.budget)));
      const waitUntil = Math.max(pr.retryAt || 0, a.waitUntil || 0);
      if (waitUntil > Date.now()) sec.append(this.stateNode('rate_limited', null, waitUntil));
      if (pr.status === 'stopped') sec.append(this.stateNode(pr.stopReason === 'private' ? 'private' : pr.stopReason, pr.stopDetail));
      if (pr.status === 'stopped' && pr.stopDetail) {
        sec.append(el('p', { class: 'muted' }, t('bugReportHint')));
        sec.append(el('pre', { class: 'detail', part: 'detail' }, bugReport(pr.stopDetail, this.username)));
      }
      if (pr.status === 'cancelled') sec.append(el('p', { class: 'muted' }, t('auditCancelled')));
      if (pr.status === 'done') sec.append(el('p', { class: 'muted' }, t('auditDone')));
    }
    if (this.auditStorageFull) sec.append(el('p', { class: 'muted', part: 'storage-note' }, t('storageAuditStopped')));
    if (running) {
      const cancel = el('button', { part: 'cancel' }, t('cancel'));
      cancel.addEventListener('click', () => this.handlers.onCancel());
      sec.append(cancel);
    } else {
      const canAudit = this.model.kind === 'report' && !this.model.rough;
      const btn = el('button', { part: 'audit-button' }, a && a.progress.status === 'cancelled' ? t('auditResume') : t('auditButton'));
      if (!canAudit) btn.disabled = true;
      btn.addEventListener('click', () => this.handlers.onAudit());
      sec.append(btn);
      // What the audit will read, before it starts.
      if (canAudit && !a && this.handlers.plan) {
        const plan = this.handlers.plan();
        const full = plan.followers.full + plan.likers.full + plan.commenters.full;
        sec.append(el('p', { class: 'muted', part: 'audit-plan' }, plan.likers.posts || plan.commenters.posts
          ? t('auditPlan', plan.followers.pages, plan.likers.posts || plan.commenters.posts, full, plan.requests, plan.budget)
          : t('auditPlanNoPosts', plan.followers.pages, plan.followers.full, plan.requests, plan.budget)));
        const comments = commentsPlanText(plan, t);
        if (comments) sec.append(el('p', { class: 'muted', part: 'comments-plan' }, comments));
      }
      if (this.model.kind === 'report' && (this.model.report.states || []).includes('private')) {
        sec.append(el('p', { class: 'muted' }, t('auditPrivateNote')));
      }
    }
    p.append(sec);
  }
}

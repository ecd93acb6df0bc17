// Options: auto-run, audit sample sizes and request budget, the comment analysis (opt-in),
// request pacing and cap, language.
import { ask, localise } from './common.js';
import { auditPlan } from '../shared/audit.js';
import { auditPlanText } from '../shared/plan-text.js';

const AUDIT_FIELDS = ['auditListSize', 'auditFullSize', 'auditPosts', 'auditEngagersFull', 'auditBudget'];
let t = (k) => k;

const $ = (id) => document.getElementById(id);

// What an audit with these settings reads, on a profile with enough recent posts.
function showPlan(s) {
  const posts = Array.from({ length: 12 }, (_, i) => ({ id: String(i + 1), likes: null, comments: 1 }));
  const plan = auditPlan(s, posts);
  $('auditPlan').textContent = auditPlanText(t, plan) + (plan.comments ? ` ${t('commentsPlanOn', plan.commenters.posts)}` : '');
}

function fill(s) {
  $('autoRun').checked = s.autoRun;
  $('auditComments').checked = s.auditComments;
  for (const key of AUDIT_FIELDS) $(key).value = s[key];
  showPlan(s);
  $('pacingSeconds').value = s.pacingMs / 1000;
  $('hourlyCap').value = s.hourlyCap;
  $('language').value = s.language;
}

async function main() {
  ({ t } = await localise());
  fill((await ask('settings.get')).settings);
  $('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const pacing = Math.max(1, Number($('pacingSeconds').value) || 1.5);
    const { settings } = await ask('settings.set', {
      settings: {
        autoRun: $('autoRun').checked,
        auditComments: $('auditComments').checked,
        ...Object.fromEntries(AUDIT_FIELDS.map((key) => [key, Number($(key).value)])),
        pacingMs: Math.round(pacing * 1000),
        hourlyCap: Number($('hourlyCap').value),
        language: $('language').value,
      },
    });
    fill(settings);
    $('status').textContent = t('saved');
  });
}

main().catch((e) => { $('status').textContent = String(e.message || e); });

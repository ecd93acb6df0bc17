// Options: auto-run, audit sample sizes, request pacing and cap, language.
import { ask, localise } from './common.js';

const $ = (id) => document.getElementById(id);

function fill(s) {
  $('autoRun').checked = s.autoRun;
  $('auditListSize').value = s.auditListSize;
  $('auditFullSize').value = s.auditFullSize;
  $('pacingSeconds').value = s.pacingMs / 1000;
  $('hourlyCap').value = s.hourlyCap;
  $('language').value = s.language;
}

async function main() {
  const { t } = await localise();
  fill((await ask('settings.get')).settings);
  $('form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const pacing = Math.max(1, Number($('pacingSeconds').value) || 1.5);
    const { settings } = await ask('settings.set', {
      settings: {
        autoRun: $('autoRun').checked,
        auditListSize: Number($('auditListSize').value),
        auditFullSize: Number($('auditFullSize').value),
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

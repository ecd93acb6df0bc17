// The content script into the Instagram tabs already open when the extension is installed or
// updated (a reload of it too). Chromium runs the manifest's content scripts only in pages loaded
// after that: an open tab showed nothing, or the old copy's overlay, dead (its messages fail), until
// reloaded. Firefox injects them into matching open tabs by itself (platform/firefox/browser.js
// INJECTS_OPEN_TABS), so this runs in Chromium alone, through chrome.scripting (the `scripting`
// permission, in the Chromium package only: scripts/package). The old copy takes its own overlay
// off once it notices its extension gone (content/main.js contextGone), and the new copy removes
// any it finds (Overlay.removeStrays); a second run of the script in a tab does nothing (main.js
// start), so a tab that loaded with the declared script meanwhile gets no second overlay. A panel
// the old copy had open opens again in the new one, for the same profile (content/panel-mark.js).

// Why onInstalled fired; on these the open tabs get the content script ('chrome_update' and
// 'shared_module_update' leave the extension's own scripts in place).
export const REINJECT_REASONS = Object.freeze(['install', 'update']);

// Injects each of `manifest`'s content scripts (its stylesheets first: they show the overlay,
// content/overlay-shown.css) into the top frame of every open tab its `matches` cover. A tab that
// refuses (an error page, one closing) is left as it is, the others go on; a discarded tab is
// skipped (it loads afresh, with the declared script, when shown). Returns one {tabId, ok} or
// {tabId, error} per tab tried.
export async function injectIntoOpenTabs({ manifest, tabs, scripting }) {
  const results = [];
  for (const cs of (manifest && manifest.content_scripts) || []) {
    if (!Array.isArray(cs.matches) || !cs.matches.length) continue;
    const open = await tabs.query({ url: cs.matches });
    await Promise.all(open.filter((tab) => Number.isInteger(tab.id) && !tab.discarded).map(async (tab) => {
      const target = { tabId: tab.id };
      try {
        if (cs.css && cs.css.length) await scripting.insertCSS({ target, files: cs.css });
        if (cs.js && cs.js.length) await scripting.executeScript({ target, files: cs.js });
        results.push({ tabId: tab.id, ok: true });
      } catch (e) {
        results.push({ tabId: tab.id, error: String(e && e.message ? e.message : e) });
      }
    }));
  }
  return results;
}

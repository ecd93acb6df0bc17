// The popup's history table as a screen reader and a keyboard meet it, in any browser (Chromium's
// extension-popup.test.mjs, Firefox's extension-firefox.test.mjs): column headers with their scope,
// each row's header its username (th scope="row" holding the profile's link, so a screen reader names
// the row by the account), the table named, no text cut off (a cell, link or button whose text is
// wider than its box, or past the popup's width), and the Tab key reaching every row's link and
// delete button.

// What fails, in words; [] when all holds. `popup`: a puppeteer page on popup.html, its rows drawn.
export async function popupTableFaults(popup) {
  const faults = await popup.evaluate(() => {
    const out = [];
    const table = document.querySelector('#history table');
    const heads = [...table.querySelectorAll('thead th')];
    const unscoped = heads.filter((th) => th.getAttribute('scope') !== 'col').map((th) => th.textContent.trim());
    if (unscoped.length) out.push(`headers without scope="col": ${JSON.stringify(unscoped)}`);
    const labelled = table.caption?.textContent.trim() || table.getAttribute('aria-label') ||
      (table.getAttribute('aria-labelledby') || '').split(/\s+/).map((id) => document.getElementById(id)?.textContent.trim()).filter(Boolean).join(' ');
    if (!labelled) out.push('the table has no caption or label');
    // Each row: its username cell the row's one header, holding its link, the other cells data.
    const rowFaults = [...document.querySelectorAll('#rows tr')].flatMap((tr) => {
      const [first, ...rest] = [...tr.cells];
      const link = first?.querySelector('a');
      const name = link?.textContent ?? first?.textContent;
      const faults = [];
      if (first?.tagName !== 'TH' || first.getAttribute('scope') !== 'row') faults.push(`its first cell a ${first?.tagName.toLowerCase()}${first?.getAttribute('scope') ? ` scope="${first.getAttribute('scope')}"` : ''}, not th scope="row"`);
      if (!link || !link.href.endsWith(`/${name}/`)) faults.push('no link to its profile in the header');
      if (rest.some((c) => c.tagName !== 'TD')) faults.push('another header among its cells');
      return faults.length ? [`row "${name}": ${faults.join(', ')}`] : [];
    });
    out.push(...rowFaults);
    // (A header kept for a screen reader alone, clipped to nothing, is not drawn.)
    const drawn = (x) => x.getBoundingClientRect().width > 1 && !x.closest('.sr-only') &&
      (!x.closest('thead') || x.closest('thead').getBoundingClientRect().width > 1);
    const cut = [...document.querySelectorAll('#history th, #history td, #history th a, #history td a, #history button')].filter(drawn)
      // (An inline element, the link, has no client width: its cell is measured.)
      .filter((x) => (x.clientWidth > 0 && x.scrollWidth > x.clientWidth + 1) || x.getBoundingClientRect().right > innerWidth + 0.5)
      .map((x) => `${x.tagName.toLowerCase()} "${x.textContent.trim()}" (${x.scrollWidth} in ${x.clientWidth}, right ${Math.round(x.getBoundingClientRect().right)} of ${innerWidth})`);
    if (cut.length) out.push(`text cut off: ${cut.join('; ')}`);
    if (document.documentElement.scrollWidth > innerWidth) out.push(`sideways scroll: ${document.documentElement.scrollWidth} in ${innerWidth}`);
    return out;
  });
  // The keyboard: Tab from the search on, through the rows (each row's link and delete button).
  const wanted = await popup.$$eval('#rows tr', (trs) => trs.flatMap((tr, i) => [...tr.querySelectorAll('a, button')].map((c) => `${i}:${c.tagName}`)));
  await popup.focus('#search');
  const reached = new Set();
  for (let i = 0; i < wanted.length + 2; i++) {
    await popup.keyboard.press('Tab');
    const at = await popup.evaluate(() => {
      const a = document.activeElement, tr = a?.closest('#rows tr');
      return tr ? `${[...tr.parentNode.children].indexOf(tr)}:${a.tagName}` : null;
    });
    if (at) reached.add(at);
  }
  const missed = wanted.filter((w) => !reached.has(w));
  if (missed.length) faults.push(`the Tab key never reached: ${missed.join(', ')}`);
  return faults;
}

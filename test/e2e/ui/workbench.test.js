// @ts-check
// What a writer sees in VS Code with the packaged News Claims extension: the squiggle under an
// unattributed figure, the hover over it, the News Claims view in the activity bar, the
// "Attribute to …" quick-fix and the switch of both views to workspace mode. Every step waits for
// the workbench to show something; none sleeps.
'use strict';

const assert = require('node:assert/strict');
const { session } = require('./session');

const ARTICLE = 'harbour-fire.news';
const FIGURE = '$3.5 million';

/**
 * Opens a file of the workspace by clicking it in the Explorer, as a user would.
 * @param {string} name
 */
async function openFromExplorer(name) {
  const { page } = session;
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`).click();
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').waitFor({ timeout: 30_000 });
}

/**
 * The screen rectangle of the first occurrence of `phrase` in the visible editor lines. Monaco
 * splits a line into one span per token, so the phrase is located with a DOM Range over the
 * line's text nodes.
 * @param {string} phrase
 */
async function phraseBox(phrase) {
  const box = await session.page.evaluate((wanted) => {
    for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-line')) {
      const text = line.textContent?.replace(/\u00a0/g, ' ') ?? '';
      const at = text.indexOf(wanted);
      if (at < 0) continue;
      const walker = document.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
      const range = document.createRange();
      let seen = 0;
      let started = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (!started && at < seen + length) {
          range.setStart(node, at - seen);
          started = true;
        }
        if (started && at + wanted.length <= seen + length) {
          range.setEnd(node, at + wanted.length - seen);
          const rect = range.getBoundingClientRect();
          return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
        }
        seen += length;
      }
    }
    return null;
  }, phrase);
  assert.ok(box, `"${phrase}" is visible in the editor`);
  return box;
}

describe('VS Code workbench with the installed .vsix', () => {
  it('underlines the unattributed figure with a warning squiggle', async () => {
    const { page } = session;
    await openFromExplorer(ARTICLE);
    const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-warning').first();
    await squiggle.waitFor({ state: 'attached', timeout: 60_000 });
    // The squiggle must sit on the figure's line, not merely somewhere in the article.
    const figure = await phraseBox(FIGURE);
    const squiggles = await page.locator('.editor-instance .monaco-editor .squiggly-warning').evaluateAll((nodes) =>
      nodes.map((node) => {
        const rect = node.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      }),
    );
    assert.ok(
      squiggles.some(
        (box) =>
          Math.abs(box.y - figure.y) < figure.height && box.x <= figure.x + 2 && box.x + box.width >= figure.x + 2,
      ),
      `a squiggle covers "${FIGURE}" at ${JSON.stringify(figure)}; squiggles: ${JSON.stringify(squiggles)}`,
    );
    await session.screenshot('squiggle');
  });

  it('shows a hover that names the figure and says it has no source', async () => {
    const { page } = session;
    const figure = await phraseBox(FIGURE);
    await page.mouse.move(figure.x + figure.width / 2, figure.y + figure.height / 2);
    // The hover box also holds the diagnostic's own message; wait for the part the extension's
    // hover provider renders (case-sensitive "Figure" heading and the "Attributed to" line).
    const hover = page
      .locator('.monaco-hover:visible')
      .filter({ hasText: /Attributed to/ })
      .first();
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await hover.innerText();
    assert.match(text, /Figure\s+\$3\.5 million/);
    assert.match(text, /Attributed to: no source/);
    await session.screenshot('hover');
    await page.mouse.move(5, 400);
    await page.keyboard.press('Escape');
  });

  it('lists the sources in the News Claims view of the activity bar', async () => {
    const { page } = session;
    // The item carries a badge with the unattributed count; clicking the item (not the icon the
    // badge overlaps) is what a user's click on the icon does.
    await page.locator('.activitybar .action-item:has(a[aria-label^="News Claims"])').click();
    const claims = page.locator('.pane:has(.pane-header[aria-label^="Claims"]) .monaco-list-row');
    await claims.filter({ hasText: 'Lindqvist' }).first().waitFor({ timeout: 30_000 });
    await claims.filter({ hasText: 'Unattributed' }).first().waitFor({ timeout: 30_000 });
    const labels = await claims.allInnerTexts();
    assert.ok(
      labels.some((label) => label.includes('3.5 million')),
      `the unattributed figure is listed: ${labels.join(' | ')}`,
    );
    await session.screenshot('claims-view');
  });

  it('offers "Attribute to …" in the quick-fix menu on the squiggle', async () => {
    const { page } = session;
    const figure = await phraseBox(FIGURE);
    await page.mouse.click(figure.x + figure.width / 2, figure.y + figure.height / 2);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget').filter({ hasText: 'Attribute to' });
    await menu.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await menu.innerText();
    assert.match(text, /Attribute to .*Lindqvist/);
    await session.screenshot('quick-fix');
    await page.keyboard.press('Escape');
  });

  it('switches the Claims view to the workspace with its title-bar button, and back', async () => {
    const { page } = session;
    const pane = page.locator('.pane:has(.pane-header[aria-label^="Claims"])');
    const header = pane.locator('.pane-header');
    // View title buttons show while the header is hovered, as for a user moving to click one.
    await header.hover();
    await header.locator('.action-label[aria-label="Show Sources Across the Workspace"]').click();
    const rows = pane.locator('.monaco-list-row');
    await rows
      .filter({ hasText: 'Jonas Whitfield' })
      .filter({ hasText: /in 3 articles/ })
      .first()
      .waitFor({ timeout: 60_000 });
    const description = await header.locator('.description').innerText();
    assert.match(description, /^Workspace · (\d+ articles|indexing…)/);
    await session.screenshot('claims-workspace-mode');
    // The context key swaps the button: the way back is offered, the way in is not.
    await header.hover();
    const back = header.locator('.action-label[aria-label="Show Claims of the Current Article"]');
    await back.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await header.locator('.action-label[aria-label="Show Sources Across the Workspace"]').count(), 0);
    await back.click();
    await rows.filter({ hasText: 'Lindqvist' }).first().waitFor({ timeout: 30_000 });
  });

  it('switches the Figures view to the workspace and shows the conflicting measure first', async () => {
    const { page } = session;
    const pane = page.locator('.pane:has(.pane-header[aria-label^="Figures"])');
    const header = pane.locator('.pane-header');
    await header.hover();
    await header.locator('.action-label[aria-label="Show Figures Across the Workspace"]').click();
    const rows = pane.locator('.monaco-list-row');
    await rows.filter({ hasText: 'resident' }).filter({ hasText: 'conflict' }).first().waitFor({ timeout: 60_000 });
    // The list renders rows in any DOM order; aria-posinset says where a row sits among its siblings.
    const first = pane.locator('.monaco-list-row[aria-level="1"][aria-posinset="1"]');
    // textContent, not innerText: the Figures pane is short, and a row it clips has no rendered text.
    assert.match((await first.textContent()) ?? '', /^resident · since June 12conflict · 2 figures in 2 articles$/);
    assert.equal(await first.locator('.codicon-warning').count(), 1, 'the conflicting measure has a warning icon');
    await session.screenshot('figures-workspace-mode');
    await header.hover();
    await header.locator('.action-label[aria-label="Show Figures of the Current Article"]').click();
    await rows.filter({ hasText: '3.5 million' }).first().waitFor({ timeout: 30_000 });
  });
});

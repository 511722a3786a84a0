// The directory, end to end: a library with two strategic goals, a person and
// their position, made the seed event's contact; the event page shows the
// position the ASPeN way and the library's page lists the person.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, waitForText, screenshot } from './harness.mjs';
import { appPerFile, folderWithSeedEvent, openEvent, openFromDirectory } from './steps.mjs';

const LIBRARY = 'Sweet Grass Valley Library';
const DISPLAY = `Whitfield, Anna - Library Director (${LIBRARY})`;

// The seed event comes in through the command line (the form is covered by catalog.test.mjs).
const app = appPerFile(() => ({ dataDir: folderWithSeedEvent('dir') }));

async function pick(pickerTestId, text, optionText) {
  const { browser } = app;
  const input = byTestId(browser, pickerTestId);
  await input.waitForDisplayed();
  await input.setValue(text);
  let match;
  await browser.waitUntil(async () => {
    for (const option of await browser.$$('[data-testid="picker-option"]')) {
      if ((await option.getText()).includes(optionText)) {
        match = option;
        return true;
      }
    }
    return false;
  }, { timeout: 10_000, timeoutMsg: `no picker option with "${optionText}"` });
  await match.click();
}

test('a library with two strategic goals is added', async () => {
  const { browser } = app;
  await byTestId(browser, 'nav-directory').waitForDisplayed({ timeout: 30_000 });
  await byTestId(browser, 'nav-directory').click();
  await byTestId(browser, 'new-org').click();
  await byTestId(browser, 'org-name').setValue(LIBRARY);
  await byTestId(browser, 'org-type').selectByAttribute('value', 'public_library');
  await byTestId(browser, 'org-federation').selectByAttribute('value', 'south_central');
  if (!(await byTestId(browser, 'goal-text-0').isExisting())) await byTestId(browser, 'add-goal').click();
  await byTestId(browser, 'goal-text-0').setValue('Grow early literacy for families');
  await byTestId(browser, 'add-goal').click();
  await byTestId(browser, 'goal-text-1').setValue('Close the digital divide in our county');
  await byTestId(browser, 'save-org').click();
  await waitForText(byTestId(browser, 'org-title'), LIBRARY);
  const goals = await browser.$$('[data-testid="goal"]').map((g) => g.getText());
  assert.equal(goals.length, 2);
  assert.match(goals[0], /Grow early literacy for families/);
  assert.match(goals[1], /Close the digital divide in our county/);
});

test('a person is added and given a position at the library', async () => {
  const { browser } = app;
  await byTestId(browser, 'nav-directory').click();
  await byTestId(browser, 'new-person').click();
  await byTestId(browser, 'person-last-name').setValue('Whitfield');
  await byTestId(browser, 'person-first-name').setValue('Anna');
  await byTestId(browser, 'person-email').setValue('anna.whitfield@sweetgrass.example');
  await byTestId(browser, 'save-person').click();
  await waitForText(byTestId(browser, 'person-title'), 'Whitfield, Anna');

  await openFromDirectory(browser, 'Sweet Grass', 'organization');
  await waitForText(byTestId(browser, 'org-title'), LIBRARY);
  await byTestId(browser, 'add-position').click();
  await pick('position-person', 'Whitfield', 'Whitfield, Anna');
  await byTestId(browser, 'position-type').selectByAttribute('value', 'director');
  await byTestId(browser, 'position-title').setValue('Library Director');
  await byTestId(browser, 'save-position').click();
  await waitForText(byTestId(browser, 'org-position-row'), new RegExp('Whitfield, Anna'));
});

test('the position becomes the seed event\'s contact, shown the ASPeN way', async () => {
  const { browser } = app;
  await openEvent(browser, 'strategic track');
  await waitForText(byTestId(browser, 'event-contacts'), /No Contact Position Listed/);
  await byTestId(browser, 'edit-event').click();
  await pick('contact-picker', 'Whitfield', 'Whitfield, Anna');
  await byTestId(browser, 'save-event').click();
  const entry = byTestId(browser, 'event-contacts').$('[data-testid="position-entry"]');
  await waitForText(entry, DISPLAY);
  await screenshot(browser, 'event-page-with-contact');
});

test('the library\'s page lists the person', async () => {
  const { browser } = app;
  await openFromDirectory(browser, LIBRARY, 'organization');
  await waitForText(byTestId(browser, 'org-title'), LIBRARY);
  const rows = await browser.$$('[data-testid="org-position-row"]').map((r) => r.getText());
  assert.ok(rows.some((r) => r.includes(DISPLAY) || (r.includes('Whitfield, Anna') && r.includes('Library Director'))), rows.join(' | '));
  await screenshot(browser, 'library-page');
});

// Accessibility, end to end: axe-core over every screen of the real window
// (first run, catalog empty and full, event page and form, directory, the
// organization and person pages, the position form, credits and the credit
// form, certification, plans with a plan, the delete confirmation), failing
// on serious or critical violations.
import { test } from 'node:test';
import { byTestId, waitForText, setValue, checkA11y } from './harness.mjs';
import { appPerFile, certifiedDirector, dataFolder, openFromDirectory, pickWhoAmI } from './steps.mjs';

const app = appPerFile(() => {
  const dataDir = dataFolder('a11y');
  // A certificate from a legacy track, so the Strategic Track (and its plan) is open.
  certifiedDirector(dataDir, ['Grow early literacy']);
  return { dataDir };
});

async function show(testId) {
  const el = byTestId(app.browser, testId);
  await el.waitForDisplayed({ timeout: 30_000 });
  return el;
}

/** Clicks `testId`, waits for `ready` to show, then checks the screen; returns `ready`. */
async function clickAndCheck(testId, ready, screen) {
  await (await show(testId)).click();
  const shown = await show(ready);
  await checkA11y(app.browser, screen);
  return shown;
}

test('first run: who am I', async () => {
  await show('whoami-pick');
  await checkA11y(app.browser, 'who am I');
});

test('the events list, empty and with the sample catalog', async () => {
  const { browser } = app;
  const load = await clickAndCheck('nav-events', 'load-sample', 'events (empty)');
  await load.click();
  await waitForText(byTestId(browser, 'result-count'), /Showing 1–50 of \d+ events/, 60_000);
  await checkA11y(browser, 'events (sample catalog)');
});

test('an event page, its form and the delete confirmation', async () => {
  const { browser } = app;
  await clickAndCheck('event-row-title', 'edit-event', 'event page');
  await clickAndCheck('edit-event', 'save-event', 'event form (edit)');
  await browser.keys('Escape');
  await (await show('delete-event')).click();
  await browser.$('[role="dialog"], dialog[open]').waitForDisplayed({ timeout: 10_000 });
  await checkA11y(browser, 'delete confirmation');
  await browser.keys('Escape');
  await (await show('nav-events')).click();
  await clickAndCheck('new-event', 'save-event', 'event form (new)');
  await browser.keys('Escape');
});

test('the directory, an organization, a person and the position form', async () => {
  const { browser } = app;
  const search = await clickAndCheck('nav-directory', 'directory-search', 'directory');
  await search.setValue('Sweet Grass');
  await clickAndCheck('dir-hit-title', 'org-title', 'organization page');
  await clickAndCheck('add-position', 'save-position', 'position form');
  await browser.keys('Escape');
  await openFromDirectory(browser, 'Whitfield', 'person');
  await show('person-title');
  await checkA11y(browser, 'person page');
});

test('who am I, credits, the credit form, certification and plans', async () => {
  const { browser } = app;
  await (await show('switch-new-person')).click();
  await pickWhoAmI(browser, 'Whitfield', /Whitfield, Anna/);
  await checkA11y(browser, 'dashboard');
  await clickAndCheck('nav-credits', 'log-credit', 'credits');
  await clickAndCheck('log-credit', 'save-credit', 'credit form');
  await browser.keys('Escape');
  await clickAndCheck('nav-certification', 'progress-total', 'certification');
  await (await show('nav-plans')).click();
  await (await show('enroll-track')).selectByAttribute('value', 'strategic');
  await setValue(browser, 'enroll-start', new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver' }).format(new Date()));
  await byTestId(browser, 'enroll-submit').click();
  await (await show('plan-goal-objective-0')).setValue('Run a family storytime series');
  await checkA11y(browser, 'plan editor');
  await byTestId(browser, 'plan-save').click();
  await show('plan-goal');
  await checkA11y(browser, 'plans with a plan');
});

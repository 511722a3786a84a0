// Accessibility, end to end: axe-core over every screen of the real window
// (first run, catalog empty and full, event page and form, directory, the
// organization and person pages, the position form, credits and the credit
// form, certification, plans with a plan, the delete confirmation), failing
// on serious or critical violations.
import { test, before, after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, byTestId, waitForText, setValue, checkA11y, application } from './harness.mjs';

function cli(dataDir, args, input) {
  const out = execFileSync(application, ['--data-dir', dataDir, ...args], { input: input && JSON.stringify(input) });
  return JSON.parse(out.toString());
}

let app;
let browser;
before(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aspen-desk-e2e-a11y-'));
  const org = cli(dataDir, ['directory', 'add-org', '-'], {
    name: 'Sweet Grass Valley Library',
    federation: 'south_central',
    strategic_goals: [{ text: 'Grow early literacy' }],
  });
  const person = cli(dataDir, ['directory', 'add-person', '-'], { last_name: 'Whitfield', first_name: 'Anna' });
  cli(dataDir, ['directory', 'add-position', '-'], {
    person_id: person.id, organization_id: org.id, position_type: 'director', title: 'Library Director',
  });
  // A certificate from a legacy track, so the Strategic Track (and its plan) is open.
  const legacy = cli(dataDir, ['enroll', '--person', String(person.id), '--track', '2009-administrator', '--start', '2019-01-01']);
  for (const [status, date, by] of [['submitted', '2022-12-01'], ['coordinator_review', '2022-12-05'], ['supervisor_verified', '2022-12-09', 'Dahl, Jonas'], ['issued', '2023-01-01']]) {
    cli(dataDir, ['certification', 'status', String(legacy.id), status, '--date', date, ...(by ? ['--by', by] : [])]);
  }
  app = await launch({ dataDir });
  browser = app.browser;
});
after(async () => {
  await app?.close();
});

async function show(testId) {
  const el = byTestId(browser, testId);
  await el.waitForDisplayed({ timeout: 30_000 });
  return el;
}

test('first run: who am I', async () => {
  await show('whoami-pick');
  await checkA11y(browser, 'who am I');
});

test('the events list, empty and with the sample catalog', async () => {
  await (await show('nav-events')).click();
  const load = await show('load-sample');
  await checkA11y(browser, 'events (empty)');
  await load.click();
  await waitForText(byTestId(browser, 'result-count'), /Showing 1–50 of \d+ events/, 60_000);
  await checkA11y(browser, 'events (sample catalog)');
});

test('an event page, its form and the delete confirmation', async () => {
  await (await show('event-row-title')).click();
  await show('edit-event');
  await checkA11y(browser, 'event page');
  await (await show('edit-event')).click();
  await show('save-event');
  await checkA11y(browser, 'event form (edit)');
  await browser.keys('Escape');
  await (await show('delete-event')).click();
  await browser.$('[role="dialog"], dialog[open]').waitForDisplayed({ timeout: 10_000 });
  await checkA11y(browser, 'delete confirmation');
  await browser.keys('Escape');
  await (await show('nav-events')).click();
  await (await show('new-event')).click();
  await show('save-event');
  await checkA11y(browser, 'event form (new)');
  await browser.keys('Escape');
});

test('the directory, an organization, a person and the position form', async () => {
  await (await show('nav-directory')).click();
  const search = await show('directory-search');
  await checkA11y(browser, 'directory');
  await search.setValue('Sweet Grass');
  await (await show('dir-hit-title')).click();
  await show('org-title');
  await checkA11y(browser, 'organization page');
  await (await show('add-position')).click();
  await show('save-position');
  await checkA11y(browser, 'position form');
  await browser.keys('Escape');
  await (await show('nav-directory')).click();
  await (await show('directory-search')).setValue('Whitfield');
  await browser.$('[data-testid="dir-hit"][data-kind="person"] [data-testid="dir-hit-title"]').waitForDisplayed({ timeout: 10_000 });
  await browser.$('[data-testid="dir-hit"][data-kind="person"] [data-testid="dir-hit-title"]').click();
  await show('person-title');
  await checkA11y(browser, 'person page');
});

test('who am I, credits, the credit form, certification and plans', async () => {
  await (await show('switch-new-person')).click();
  const pick = await show('whoami-pick');
  await pick.setValue('Whitfield');
  await (await show('picker-option')).click();
  await waitForText(byTestId(browser, 'current-person'), /Whitfield, Anna/);
  await checkA11y(browser, 'dashboard');
  await (await show('nav-credits')).click();
  await show('log-credit');
  await checkA11y(browser, 'credits');
  await byTestId(browser, 'log-credit').click();
  await show('save-credit');
  await checkA11y(browser, 'credit form');
  await browser.keys('Escape');
  await (await show('nav-certification')).click();
  await show('progress-total');
  await checkA11y(browser, 'certification');
  await (await show('nav-plans')).click();
  await (await show('enroll-track')).selectByAttribute('value', 'strategic');
  await setValue(browser, 'enroll-start', new Date().toISOString().slice(0, 10));
  await byTestId(browser, 'enroll-submit').click();
  await (await show('plan-goal-objective-0')).setValue('Run a family storytime series');
  await checkA11y(browser, 'plan editor');
  await byTestId(browser, 'plan-save').click();
  await show('plan-goal');
  await checkA11y(browser, 'plans with a plan');
});

// Hostile text, end to end: every text field of every record kind holds an
// <img onerror> and a <script> payload (made through the command line), and
// each page that shows them shows them literally, with nothing run: no
// window.__pwned, the window title unchanged, no <img src=x> in the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, waitForText, cli } from './harness.mjs';
import { appPerFile, dataFolder, issueLegacyCertificate } from './steps.mjs';

/** The payload for one field, named so a failure says which field leaked. */
const evil = (field) =>
  `${field} <img src=x onerror="window.__pwned='${field}'"> <script>window.__pwned='${field}';document.title='pwned'</script>`;

// Today in Montana, as the app counts days (not UTC's, a day ahead each evening).
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver' }).format(new Date());
const F = {
  eventTitle: evil('event-title'),
  description: evil('event-description'),
  sponsor: evil('event-sponsor'),
  location: evil('event-location'),
  resource: evil('resource-title'),
  orgName: evil('org-name'),
  orgGoal: evil('org-goal'),
  lastName: evil('last-name'),
  firstName: evil('first-name'),
  positionTitle: evil('position-title'),
  creditTitle: evil('credit-title'),
  creditSponsor: evil('credit-sponsor'),
  creditNotes: evil('credit-notes'),
  objective: evil('plan-objective'),
  activities: evil('plan-activities'),
  evidence: evil('plan-evidence'),
};

let title;
const app = appPerFile(() => {
  const dataDir = dataFolder('hostile');
  cli(dataDir, ['events', 'add', '-'], {
    title: F.eventTitle, event_type: 'webinar', begin: `${TODAY}T09:00`, end: `${TODAY}T10:00`,
    delivery: 'in_person', description: F.description, sponsor: F.sponsor, location: F.location,
    credits: [{ category: 'LSP', credits: 1 }],
    resources: [{ title: F.resource, url: 'https://example.org/handout' }],
  });
  const org = cli(dataDir, ['directory', 'add-org', '-'], {
    name: F.orgName, federation: 'south_central', strategic_goals: [{ text: F.orgGoal }],
  });
  const person = cli(dataDir, ['directory', 'add-person', '-'], { last_name: F.lastName, first_name: F.firstName });
  cli(dataDir, ['directory', 'add-position', '-'], {
    person_id: person.id, organization_id: org.id, position_type: 'director', title: F.positionTitle,
  });
  cli(dataDir, ['credits', 'add', '-'], {
    person_id: person.id, kind: 'independent', title: F.creditTitle, sponsor: F.creditSponsor, notes: F.creditNotes,
    date: TODAY, category: 'LA', credits: 1,
  });
  issueLegacyCertificate(dataDir, person.id);
  const strategic = cli(dataDir, ['enroll', '--person', String(person.id), '--track', 'strategic', '--start', TODAY]);
  cli(dataDir, ['plans', 'create', '-'], {
    enrollment_id: strategic.id,
    goals: [{ strategic_goal_id: org.strategic_goals[0].id, objective: F.objective, activities: F.activities, evidence: F.evidence }],
  });
  return { dataDir };
}, async ({ browser }) => {
  // The window's title before any page showed the payloads.
  await byTestId(browser, 'nav-events').waitForDisplayed({ timeout: 30_000 });
  title = await browser.getTitle();
});

/** Waits until the page shows every text literally, then checks nothing ran. */
async function shownLiterally(screen, texts) {
  const { browser } = app;
  let missing = [];
  try {
    await browser.waitUntil(async () => {
      const shown = await browser.execute(() => document.body.innerText);
      missing = texts.filter((t) => !shown.includes(t));
      return missing.length === 0;
    }, { timeout: 15_000, interval: 200 });
  } catch {
    throw new Error(`${screen} does not show literally:\n  ${missing.join('\n  ')}`);
  }
  const ran = await browser.execute(() => ({
    pwned: window.__pwned ?? null,
    title: document.title,
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.scripts].filter((s) => s.text.includes('__pwned')).length,
  }));
  assert.deepEqual(ran, { pwned: null, title, images: 0, scripts: 0 }, `something ran on ${screen}`);
}

test('who am I lists the person by name, literally', async () => {
  const { browser } = app;
  const pick = byTestId(browser, 'whoami-pick');
  await pick.waitForDisplayed({ timeout: 30_000 });
  await pick.setValue('last-name');
  await byTestId(browser, 'picker-option').waitForDisplayed({ timeout: 10_000 });
  await shownLiterally('who am I', [F.lastName, F.firstName]);
  await byTestId(browser, 'picker-option').click();
  await waitForText(byTestId(browser, 'current-person'), /last-name/);
  await shownLiterally('dashboard', [F.lastName]);
});

test('the event list and page show title, description, sponsor, location and resource literally', async () => {
  const { browser } = app;
  await byTestId(browser, 'nav-events').click();
  await byTestId(browser, 'event-search').waitForDisplayed();
  await byTestId(browser, 'event-search').setValue('event-title');
  await waitForText(byTestId(browser, 'result-count'), /of 1 event/, 15_000);
  await shownLiterally('events list', [F.eventTitle]);
  await byTestId(browser, 'event-row-title').click();
  await byTestId(browser, 'edit-event').waitForDisplayed();
  await shownLiterally('event page', [F.eventTitle, F.description, F.sponsor, F.location, F.resource]);
});

test('the organization and person pages show names, goals and the position literally', async () => {
  const { browser } = app;
  await byTestId(browser, 'nav-directory').click();
  await byTestId(browser, 'directory-search').waitForDisplayed();
  await byTestId(browser, 'directory-search').setValue('org-name');
  const org = browser.$('[data-testid="dir-hit"][data-kind="organization"] [data-testid="dir-hit-title"]');
  await org.waitForDisplayed({ timeout: 10_000 });
  await shownLiterally('directory', [F.orgName]);
  await org.click();
  await byTestId(browser, 'org-title').waitForDisplayed();
  await shownLiterally('organization page', [F.orgName, F.orgGoal, F.positionTitle, F.lastName, F.firstName]);
  await byTestId(browser, 'nav-directory').click();
  await byTestId(browser, 'directory-search').setValue('last-name');
  const person = browser.$('[data-testid="dir-hit"][data-kind="person"] [data-testid="dir-hit-title"]');
  await person.waitForDisplayed({ timeout: 10_000 });
  await person.click();
  await byTestId(browser, 'person-title').waitForDisplayed();
  await shownLiterally('person page', [F.lastName, F.firstName, F.positionTitle, F.orgName]);
});

test('the credits list shows the credit literally', async () => {
  const { browser } = app;
  await byTestId(browser, 'nav-credits').click();
  await byTestId(browser, 'credit-row').waitForDisplayed({ timeout: 10_000 });
  await shownLiterally('credits', [F.creditTitle, F.creditSponsor]);
});

test('the plan shows its goal texts and the library goal literally', async () => {
  const { browser } = app;
  await byTestId(browser, 'nav-plans').click();
  await byTestId(browser, 'plan-goal').waitForDisplayed({ timeout: 15_000 });
  await shownLiterally('plans', [F.objective, F.activities, F.evidence, F.orgGoal]);
});

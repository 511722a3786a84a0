// Steps the end-to-end files share: the app started once per file, data
// folders filled through the command line, and the screens a librarian goes
// through on the way to what a test checks.
import { before, after } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, byTestId, waitForText, cli } from './harness.mjs';

/** The seed page's event, as the command line takes it. */
const SEED_EVENT = {
  title: 'NEW Strategic Track to MSL Certification: what librarians need to know',
  event_type: 'continuing_education',
  begin: '2021-06-02T14:00',
  end: '2021-06-02T15:00',
  delivery: 'online',
  credits: [{ category: 'LA', credits: 0.5 }],
};

/**
 * Starts the app before this file's tests and closes it after them.
 * `prepare` runs first (it may fill a data folder) and returns launch's
 * options; `started` runs once the window is up. The returned object gains
 * `browser` and `dataDir` once started. (Node 20 runs a file's `before`
 * hooks side by side, so whatever must follow the launch goes in `started`.)
 */
export function appPerFile(prepare = () => ({}), started = async () => {}) {
  const app = {};
  before(async () => {
    Object.assign(app, await launch(await prepare()));
    await started(app);
  });
  after(async () => {
    await app.close?.();
  });
  return app;
}

/** A new, empty data folder; `name` tells the test's folders apart. */
export function dataFolder(name) {
  return mkdtempSync(join(tmpdir(), `aspen-desk-e2e-${name}-`));
}

/** A new data folder holding the seed event, added through the command line. */
export function folderWithSeedEvent(name) {
  const dataDir = dataFolder(name);
  cli(dataDir, ['events', 'add', '-'], SEED_EVENT);
  return dataDir;
}

/**
 * Enrolls a person in the 2009 Library Administrator track in 2019 and walks
 * it to a certificate issued on 2023-01-01, so the Strategic Track is open.
 */
export function issueLegacyCertificate(dataDir, personId) {
  const legacy = cli(dataDir, ['enroll', '--person', String(personId), '--track', '2009-administrator', '--start', '2019-01-01']);
  for (const [status, date, by] of [['submitted', '2022-12-01'], ['coordinator_review', '2022-12-05'], ['supervisor_verified', '2022-12-09', 'Dahl, Jonas'], ['issued', '2023-01-01']]) {
    cli(dataDir, ['certification', 'status', String(legacy.id), status, '--date', date, ...(by ? ['--by', by] : [])]);
  }
}

/**
 * Anna Whitfield, director of Sweet Grass Valley Library (which has these
 * strategic goals), holding a legacy certificate. Returns the library and her.
 */
export function certifiedDirector(dataDir, goals) {
  const org = cli(dataDir, ['directory', 'add-org', '-'], {
    name: 'Sweet Grass Valley Library',
    federation: 'south_central',
    strategic_goals: goals.map((text) => ({ text })),
  });
  const person = cli(dataDir, ['directory', 'add-person', '-'], { last_name: 'Whitfield', first_name: 'Anna' });
  cli(dataDir, ['directory', 'add-position', '-'], {
    person_id: person.id, organization_id: org.id, position_type: 'director', title: 'Library Director',
  });
  issueLegacyCertificate(dataDir, person.id);
  return { org, person };
}

/** Waits for the window to show, then opens the Events section. */
export async function openEventsAtStart(browser) {
  await byTestId(browser, 'nav-events').waitForDisplayed({ timeout: 30_000 });
  await byTestId(browser, 'nav-events').click();
}

/** Searches the events list for `text` and waits until it finds one event. */
export async function searchForOneEvent(browser, text) {
  const search = byTestId(browser, 'event-search');
  await search.waitForDisplayed();
  await search.setValue(text);
  await waitForText(byTestId(browser, 'result-count'), /of 1 event/);
}

/** Opens the Events section and the one event that `text` finds. */
export async function openEvent(browser, text) {
  await byTestId(browser, 'nav-events').click();
  await searchForOneEvent(browser, text);
  await byTestId(browser, 'event-row-title').click();
}

/** Says who I am in the first-run picker: types `text`, picks the match, waits for `shown`. */
export async function pickWhoAmI(browser, text, shown) {
  const pick = byTestId(browser, 'whoami-pick');
  await pick.waitForDisplayed({ timeout: 30_000 });
  await pick.setValue(text);
  const option = byTestId(browser, 'picker-option');
  await option.waitForDisplayed({ timeout: 10_000 });
  await option.click();
  await waitForText(byTestId(browser, 'current-person'), shown);
}

/** Finds `text` in the directory's search and opens the hit of that kind ('organization' or 'person'). */
export async function openFromDirectory(browser, text, kind) {
  await byTestId(browser, 'nav-directory').click();
  const search = byTestId(browser, 'directory-search');
  await search.waitForDisplayed();
  await search.setValue(text);
  const hit = browser.$(`[data-testid="dir-hit"][data-kind="${kind}"] [data-testid="dir-hit-title"]`);
  await hit.waitForDisplayed({ timeout: 10_000 });
  await hit.click();
}

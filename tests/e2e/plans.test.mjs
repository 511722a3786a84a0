// The Strategic Track, end to end: a certified librarian enrolls, writes a plan
// with two goals tied to the library's strategic goals, uploads a PDF (through
// the buttons, with the app's dialogs answered by the test), sees it rendered, submits the
// plan, logs a self-directed activity and an event attendance against its
// goals, and sees the track's progress count them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, waitForText, setValue, screenshot, cli, pdfDarkPixels } from './harness.mjs';
import { appPerFile, certifiedDirector, dataFolder, openEvent, pickWhoAmI } from './steps.mjs';

// Dates are Montana calendar days, whatever this machine's zone.
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver' }).format(new Date());

let goals;
const work = dataFolder('plan-files');
const PLAN_PDF = 'Whitfield plan – 2026.pdf';

const app = appPerFile(() => {
  const dataDir = dataFolder('plans');
  // A certificate earned through the legacy track.
  const { org } = certifiedDirector(dataDir, ['Grow early literacy', 'Close the digital divide']);
  goals = org.strategic_goals.map((g) => g.id);
  // An event held this morning.
  cli(dataDir, ['events', 'add', '-'], {
    title: 'Family Storytime Bootcamp', event_type: 'webinar', begin: `${TODAY}T00:30`, end: `${TODAY}T01:30`,
    delivery: 'online', credits: [{ category: 'LSP', credits: 1 }],
  });
  // What the app's save dialog (Download plan as PDF) and open dialog
  // (Upload plan file) answer: native dialogs cannot be driven.
  return { dataDir, dialogAnswers: [join(work, PLAN_PDF), join(work, PLAN_PDF)] };
});

const invoke = (cmd, args) =>
  app.browser.execute((c, a) => window.__TAURI_INTERNALS__.invoke(c, a), cmd, args);

test('a certified librarian enrolls in the Strategic Track', async () => {
  const { browser } = app;
  await pickWhoAmI(browser, 'Whitfield', /Whitfield, Anna/);
  await byTestId(browser, 'nav-plans').click();
  await byTestId(browser, 'enroll-track').waitForDisplayed();
  await byTestId(browser, 'enroll-track').selectByAttribute('value', 'strategic');
  await setValue(browser, 'enroll-start', TODAY);
  await byTestId(browser, 'enroll-submit').click();
  await byTestId(browser, 'plan-goal-objective-0').waitForDisplayed({ timeout: 10_000 });
});

test('the plan has two goals tied to the library\'s strategic goals', async () => {
  const { browser } = app;
  await byTestId(browser, 'plan-goal-strategic-0').selectByAttribute('value', String(goals[0]));
  await byTestId(browser, 'plan-goal-objective-0').setValue('Run a family storytime series');
  await byTestId(browser, 'plan-goal-activities-0').setValue('Shadow a children\'s librarian for a week');
  await byTestId(browser, 'plan-goal-evidence-0').setValue('Six storytimes held');
  await byTestId(browser, 'plan-add-goal').click();
  await byTestId(browser, 'plan-goal-strategic-1').selectByAttribute('value', String(goals[1]));
  await byTestId(browser, 'plan-goal-objective-1').setValue('Teach device basics to adults');
  await byTestId(browser, 'plan-save').click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="plan-goal"]')).length === 2, {
    timeout: 10_000, timeoutMsg: 'the saved plan does not show two goals',
  });
});

test('an uploaded PDF plan is rendered inside the app', async () => {
  const { browser } = app;
  // Download the typed plan as a PDF, then upload that file: both through
  // the buttons, the dialogs answered by the test (see launch).
  await byTestId(browser, 'plan-export').click();
  await browser.waitUntil(() => existsSync(join(work, PLAN_PDF)), {
    timeout: 15_000, timeoutMsg: 'the plan PDF was not written',
  });
  await byTestId(browser, 'plan-upload').click();
  await byTestId(browser, 'pdf-viewer').waitForDisplayed({ timeout: 15_000 });
  const plan = await invoke('plan_latest', { enrollmentId: await strategicEnrollment() });
  assert.equal(plan.documents[0].media_type, 'application/pdf');
  assert.equal(plan.documents[0].file_name, PLAN_PDF);
  const drawn = await pdfDarkPixels(browser);
  assert.ok(drawn > 100, `the PDF page has no text drawn (${drawn} dark pixels)`);
  await byTestId(browser, 'pdf-viewer').scrollIntoView();
  await screenshot(browser, 'plan-pdf');
});

async function strategicEnrollment() {
  const person = await invoke('current_person_get', {});
  const enrollments = await invoke('enrollments_list', { personId: person.id });
  return enrollments.find((e) => e.track_code === 'strategic').id;
}

test('the plan is submitted', async () => {
  const { browser } = app;
  await setValue(browser, 'plan-date', TODAY);
  await byTestId(browser, 'plan-submit').click();
  await waitForText(byTestId(browser, 'plan-status'), /Submitted/);
});

test('a self-directed activity and an event attendance count toward the track', async () => {
  const { browser } = app;
  // The page above the button is still settling after the submission (the
  // plan file and its PDF viewer redraw): a click that lands while the button
  // moves is lost, so click until the form is open, as a person would.
  const title = byTestId(browser, 'activity-title');
  await browser.waitUntil(async () => {
    if (!(await title.isExisting())) await byTestId(browser, 'activity-log').click();
    return title.isExisting();
  }, { timeout: 10_000, interval: 500, timeoutMsg: 'the activity form did not open' });
  await title.setValue('Apprentice week with a mentor');
  await byTestId(browser, 'activity-description').setValue('Planned and led storytimes beside an experienced librarian');
  const goalSelect = byTestId(browser, 'activity-goal');
  const firstGoal = await goalSelect.$$('option').filter(async (o) => (await o.getAttribute('value')) !== '');
  await goalSelect.selectByAttribute('value', await firstGoal[0].getAttribute('value'));
  await setValue(browser, 'activity-date', TODAY);
  await byTestId(browser, 'activity-hours').clearValue();
  await byTestId(browser, 'activity-hours').setValue('6');
  await byTestId(browser, 'activity-learned').setValue('How to plan a storytime series');
  await byTestId(browser, 'activity-status').selectByAttribute('value', 'verified');
  await byTestId(browser, 'activity-verified-by').setValue('Dahl, Jonas');
  await byTestId(browser, 'activity-save').click();
  await byTestId(browser, 'activity-row').waitForDisplayed({ timeout: 10_000 });

  await openEvent(browser, 'storytime bootcamp');
  const attendGoal = byTestId(browser, 'attend-goal');
  await attendGoal.waitForDisplayed();
  const options = await attendGoal.$$('option').filter(async (o) => (await o.getAttribute('value')) !== '');
  await attendGoal.selectByAttribute('value', await options[1].getAttribute('value'));
  await byTestId(browser, 'attend-event').click();
  await browser.pause(500);

  await byTestId(browser, 'nav-plans').click();
  const total = byTestId(browser, 'plan-progress').$('[data-testid="progress-total"]');
  await waitForText(total, /^7 of 60/);
  await screenshot(browser, 'plan-progress');
});

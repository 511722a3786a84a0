// The ledger and certification, end to end: who am I, enroll in the 2009
// Library Administrator track, "I attended" the seed event, see LA progress
// 0.5 of 20 on the dashboard, then log independent entries until the track is
// complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, waitForText, setValue, screenshot } from './harness.mjs';
import { appPerFile, folderWithSeedEvent, openEvent } from './steps.mjs';

const app = appPerFile(() => ({ dataDir: folderWithSeedEvent('ledger') }));

test('on first start the librarian says who they are and enrolls', async () => {
  const { browser } = app;
  const last = byTestId(browser, 'whoami-last');
  await last.waitForDisplayed({ timeout: 30_000 });
  await last.setValue('Whitfield');
  await byTestId(browser, 'whoami-first').setValue('Anna');
  await byTestId(browser, 'whoami-email').setValue('anna@sweetgrass.example');
  await byTestId(browser, 'whoami-create').click();
  await waitForText(byTestId(browser, 'current-person'), /Whitfield, Anna/);

  await byTestId(browser, 'enroll-track').waitForDisplayed();
  await byTestId(browser, 'enroll-track').selectByAttribute('value', '2009-administrator');
  await setValue(browser, 'enroll-start', '2021-01-01');
  await byTestId(browser, 'enroll-submit').click();
  await waitForText(byTestId(browser, 'progress-LA'), /0 of 20/);
  await waitForText(byTestId(browser, 'due-date'), /2025/);
});

test('"I attended" on the seed event shows LA 0.5 of 20 on the dashboard', async () => {
  const { browser } = app;
  await openEvent(browser, 'strategic track');
  await byTestId(browser, 'attend-event').waitForDisplayed();
  await byTestId(browser, 'attend-event').click();
  await browser.pause(500);
  await byTestId(browser, 'nav-dashboard').click();
  await waitForText(byTestId(browser, 'progress-LA'), /0\.5 of 20/);
  await waitForText(byTestId(browser, 'progress-total'), /0\.5 of 60/);
});

async function logCredit(category, credits, date) {
  const { browser } = app;
  await byTestId(browser, 'nav-credits').click();
  await byTestId(browser, 'log-credit').waitForDisplayed();
  await byTestId(browser, 'log-credit').click();
  await byTestId(browser, 'credit-kind').selectByAttribute('value', 'independent');
  await byTestId(browser, 'credit-title').setValue(`Independent study (${category})`);
  await setValue(browser, 'credit-date', date);
  await byTestId(browser, 'credit-category').selectByAttribute('value', category);
  await byTestId(browser, 'credit-credits').clearValue();
  await byTestId(browser, 'credit-credits').setValue(String(credits));
  await byTestId(browser, 'credit-status').selectByAttribute('value', 'verified');
  await byTestId(browser, 'credit-verified-by').setValue('Dahl, Jonas');
  await byTestId(browser, 'save-credit').click();
  await browser.waitUntil(async () => !(await byTestId(browser, 'save-credit').isExisting()), {
    timeout: 10_000,
    timeoutMsg: 'the credit form did not close',
  });
}

test('independent entries complete the track', async () => {
  const { browser } = app;
  await logCredit('LA', 19.5, '2022-03-10');
  await logCredit('LSP', 10, '2022-09-14');
  await logCredit('CMTS', 10, '2023-04-20');
  await logCredit('TECH', 20, '2024-02-08');
  const rows = await browser.$$('[data-testid="credit-row"]');
  assert.equal(rows.length, 5);
  await byTestId(browser, 'nav-dashboard').click();
  await waitForText(byTestId(browser, 'progress-total'), /60 of 60/);
  await waitForText(byTestId(browser, 'progress-LA'), /20 of 20/);
  await byTestId(browser, 'track-complete').waitForDisplayed();
  await screenshot(browser, 'dashboard-complete');
});

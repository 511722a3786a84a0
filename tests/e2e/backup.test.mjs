// Backups in the real window: make a backup with the progress bar, change the
// data, restore the backup after a confirmation, and find the old records back.
// The native dialogs are answered from a file (ASPEN_DESK_TEST_DIALOG).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { application, launch, byTestId, waitForText, screenshot } from './harness.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'aspen-desk-e2e-backup-'));
const dataDir = join(scratch, 'data');
const backupFile = join(scratch, 'aspen-desk-backup.zip');

/** Runs the command line on the same data folder, beside the window. */
function cli(...args) {
  return execFileSync(application, ['--data-dir', dataDir, ...args], { encoding: 'utf8' });
}

let app;
before(async () => {
  cli('demo-data');
  // The save dialog (backup), then the open dialog (restore).
  app = await launch({ dataDir, dialogAnswers: [backupFile, backupFile] });
});
after(async () => { await app?.close(); });

test('make a backup, then restore it', async () => {
  const { browser } = app;
  await byTestId(browser, 'nav-backups').waitForDisplayed({ timeout: 30_000 });
  await byTestId(browser, 'nav-backups').click();
  await waitForText(byTestId(browser, 'last-backup'), 'No backup has been made yet.');

  await byTestId(browser, 'backup-now').click();
  await waitForText(byTestId(browser, 'backup-notice'), /^Backup saved as aspen-desk-backup\.zip/, 30_000);
  assert.ok(existsSync(backupFile), 'the backup file was written');
  await waitForText(byTestId(browser, 'last-backup'), /^Last backup: /);
  await screenshot(browser, 'backup-made');

  // A change after the backup, made from the command line beside the window.
  cli('events', 'delete', '1');
  assert.throws(() => cli('events', 'show', '1', '--json'), 'event 1 is deleted');

  await byTestId(browser, 'restore-start').click();
  const confirm = byTestId(browser, 'confirm-restore');
  await confirm.waitForDisplayed({ timeout: 10_000 });
  await screenshot(browser, 'backup-restore-confirm');
  await confirm.click();
  const done = byTestId(browser, 'restore-done');
  await done.waitForDisplayed({ timeout: 60_000 });
  assert.match(await done.getText(), /previous data folder was kept/);
  await screenshot(browser, 'backup-restored');
  await app.close();
  app = undefined;

  // The restored folder has event 1 again; the old one is kept aside.
  const shown = JSON.parse(cli('events', 'show', '1', '--json'));
  assert.equal(shown.id, 1);
  const aside = readdirSync(dirname(dataDir)).filter((n) => n.startsWith(`${basename(dataDir)}.before-restore-`));
  assert.equal(aside.length, 1, `kept aside: ${aside}`);
});

// Documents out, end to end: a librarian who holds a certificate opens the
// Certification page, previews her transcript in the in-app PDF viewer, saves
// it through the (scripted) save dialog, and previews her certificate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, screenshot, cli, pdfDarkPixels } from './harness.mjs';
import { appPerFile, dataFolder, pickWhoAmI } from './steps.mjs';

const work = dataFolder('export-out');

const app = appPerFile(() => {
  const dataDir = dataFolder('export');
  const org = cli(dataDir, ['directory', 'add-org', '-'], { name: 'Bitterroot Public Library', federation: 'tamarack' });
  const person = cli(dataDir, ['directory', 'add-person', '-'], { last_name: 'Ó Briain', first_name: 'Zoë' });
  cli(dataDir, ['directory', 'add-position', '-'], {
    person_id: person.id, organization_id: org.id, position_type: 'director', title: 'Library Director',
  });
  cli(dataDir, ['certification', 'record', '--person', String(person.id), '--track', '2009-staff', '--issued', '2024-05-01']);
  for (const [title, date, category, credits] of [
    ['Board relations and the open meeting law', '2024-06-12', 'LA', 3],
    ['Story time for toddlers', '2025-02-20', 'LSP', 1.5],
  ]) {
    cli(dataDir, ['credits', 'add', '-'], {
      person_id: person.id, kind: 'independent', title, date, category, credits,
      status: 'verified', verified_by: 'Dahl, Jonas', sponsor: 'Montana State Library',
    });
  }
  // The save dialog's answer (native dialogs cannot be driven).
  return { dataDir, dialogAnswers: [join(work, 'Transcript Zoë.pdf')] };
});

test('the transcript opens in the in-app PDF viewer', async () => {
  const { browser } = app;
  await pickWhoAmI(browser, 'Briain', /Ó Briain, Zoë/);
  await byTestId(browser, 'nav-certification').click();
  await byTestId(browser, 'transcript-preview').waitForDisplayed({ timeout: 10_000 });
  await byTestId(browser, 'transcript-preview').click();
  await byTestId(browser, 'pdf-viewer').waitForDisplayed({ timeout: 15_000 });
  const dark = await pdfDarkPixels(browser);
  assert.ok(dark > 500, `the transcript page has no text drawn (${dark} dark pixels)`);
  await byTestId(browser, 'pdf-viewer').scrollIntoView();
  await screenshot(browser, 'transcript-preview');
});

test('the transcript is saved where the save dialog points', async () => {
  const { browser } = app;
  const target = join(work, 'Transcript Zoë.pdf');
  await byTestId(browser, 'transcript-save-pdf').click();
  await browser.waitUntil(() => existsSync(target), { timeout: 15_000, timeoutMsg: 'the transcript was not saved' });
  const bytes = readFileSync(target);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
});

test('the certificate of the recorded certification opens in the viewer', async () => {
  const { browser } = app;
  await byTestId(browser, 'document-preview').$('button').click();
  await browser.$('button*=Library Staff').click();
  await byTestId(browser, 'certificate-preview').waitForEnabled({ timeout: 10_000 });
  await byTestId(browser, 'certificate-preview').click();
  await byTestId(browser, 'pdf-viewer').waitForDisplayed({ timeout: 15_000 });
  const dark = await pdfDarkPixels(browser);
  assert.ok(dark > 500, `the certificate page has no text drawn (${dark} dark pixels)`);
  await screenshot(browser, 'certificate-preview');
});

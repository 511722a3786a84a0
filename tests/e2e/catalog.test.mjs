// The seed page, end to end, in the real window: create it through the form,
// find it, read it, edit its credits, see page history, attach a resource.
import { test, before, after } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { launch, byTestId, waitForText, setValue, screenshot } from './harness.mjs';

const SEED_TITLE = 'NEW Strategic Track to MSL Certification: what librarians need to know';
const SEED_DESCRIPTION = [
  'This webinar will explore the process for librarians to utilize the Stategic Track to Montana State Library Certification.',
  'Attend this training to learn how the track works. Just like the legacy tracks, you begin by selecting the track in ASPeN.',
  'This webinar will be recorded and posted to the MSL Vimeo Channel: https://vimeo.com/montanastatelibrary',
  'CE category: .5 library administation',
].join('\n\n');

let app;
let browser;
before(async () => {
  app = await launch();
  browser = app.browser;
});
after(async () => {
  await app?.close();
});

test('a fresh data folder offers the sample catalog in Events', async () => {
  await byTestId(browser, 'nav-events').waitForDisplayed({ timeout: 30_000 });
  await byTestId(browser, 'nav-events').click();
  const loadSample = byTestId(browser, 'load-sample');
  await loadSample.waitForDisplayed({ timeout: 30_000 });
  assert.equal(await browser.getTitle(), 'Aspen Desk');
  await screenshot(browser, 'empty-catalog');
});

test('bad input in the form names the field and saves nothing', async () => {
  await byTestId(browser, 'new-event').click();
  await byTestId(browser, 'field-title').waitForDisplayed();
  await setValue(browser, 'field-begin', '2021-06-02T14:00');
  await setValue(browser, 'field-end', '2021-06-02T13:00');
  await byTestId(browser, 'save-event').click();
  await waitForText(byTestId(browser, 'error-title'), /title/i);
  await waitForText(byTestId(browser, 'error-end'), /before the begin/);
  await byTestId(browser, 'cancel-event').click();
  await byTestId(browser, 'load-sample').waitForDisplayed();
});

test('the seed event is created through the form', async () => {
  await byTestId(browser, 'new-event').click();
  await byTestId(browser, 'field-title').setValue(SEED_TITLE);
  await byTestId(browser, 'field-event_type').selectByAttribute('value', 'continuing_education');
  await setValue(browser, 'field-begin', '2021-06-02T14:00');
  await setValue(browser, 'field-end', '2021-06-02T15:00');
  await setValue(browser, 'field-description', SEED_DESCRIPTION);
  await byTestId(browser, 'field-delivery').selectByAttribute('value', 'online');
  await byTestId(browser, 'field-sponsor').setValue('Montana State Library');
  await byTestId(browser, 'credit-category-0').selectByAttribute('value', 'LA');
  await byTestId(browser, 'credit-amount-0').clearValue();
  await byTestId(browser, 'credit-amount-0').setValue('0.5');
  await screenshot(browser, 'event-form');
  await byTestId(browser, 'save-event').click();
  await waitForText(byTestId(browser, 'event-title'), SEED_TITLE);
});

test('searching "strategic track" finds it and its page reads like the seed', async () => {
  await byTestId(browser, 'back-to-events').click();
  const search = byTestId(browser, 'event-search');
  await search.waitForDisplayed();
  await search.setValue('strategic track');
  await waitForText(byTestId(browser, 'result-count'), /of 1 event/);
  const rows = await browser.$$('[data-testid="event-row"]');
  assert.equal(rows.length, 1);
  await byTestId(browser, 'event-row-title').click();

  await waitForText(byTestId(browser, 'event-title'), SEED_TITLE);
  assert.equal(await byTestId(browser, 'event-type').getText(), 'Continuing Education');
  assert.equal(await byTestId(browser, 'event-begin').getText(), 'Wednesday, June 2, 2021 2:00 PM');
  assert.equal(await byTestId(browser, 'event-end').getText(), 'Wednesday, June 2, 2021 3:00 PM');
  assert.equal(await byTestId(browser, 'event-delivery').getText(), 'Online Only');
  assert.deepEqual(await browser.$$('[data-testid="credit-line"]').map((e) => e.getText()), ['0.5 credits Library Administration']);
  assert.match(await byTestId(browser, 'event-contacts').getText(), /No Contact Position Listed/);
  assert.equal(await byTestId(browser, 'resource-count').getText(), 'Record Count: 0');
  const description = byTestId(browser, 'event-description');
  assert.equal(await description.$$('p').length, 4, 'paragraphs are kept');
  const link = await description.$('a');
  assert.equal(await link.getText(), 'https://vimeo.com/montanastatelibrary');
  await screenshot(browser, 'event-page-top');
});

test('changing its credits to 1.0 shows in page history', async () => {
  await byTestId(browser, 'edit-event').click();
  const amount = byTestId(browser, 'credit-amount-0');
  await amount.waitForDisplayed();
  await amount.clearValue();
  await amount.setValue('1.0');
  await byTestId(browser, 'save-event').click();
  await waitForText(byTestId(browser, 'credit-line'), '1 credit Library Administration');
  const newest = byTestId(browser, 'history-row');
  await waitForText(newest.$('[data-testid="history-field"]'), 'CE credits');
  assert.equal(await newest.$('[data-testid="history-old"]').getText(), '0.5 credits Library Administration');
  assert.equal(await newest.$('[data-testid="history-new"]').getText(), '1 credit Library Administration');
});

test('attaching a link resource makes the record count 1', async () => {
  await byTestId(browser, 'resource-new-title').setValue('Webinar recording on the MSL Vimeo Channel');
  await byTestId(browser, 'resource-new-type').selectByAttribute('value', 'recording');
  await byTestId(browser, 'resource-new-tags').setValue('strategic track, recording');
  await byTestId(browser, 'resource-new-url').setValue('https://vimeo.com/montanastatelibrary');
  await byTestId(browser, 'add-link').click();
  await waitForText(byTestId(browser, 'resource-count'), 'Record Count: 1');
  const rows = await browser.$$('[data-testid="resource-row"]');
  assert.equal(rows.length, 1);
  assert.match(await rows[0].getText(), /Webinar recording on the MSL Vimeo Channel/);
  await waitForText(byTestId(browser, 'history-row').$('[data-testid="history-field"]'), 'Resources');
  await screenshot(browser, 'event-page');
});

test('a file attached by path (what the file dialog hands over) is listed with its name', async () => {
  // Native file dialogs cannot be driven, so call the same command the dialog's
  // path goes to, from inside the window.
  const dir = mkdtempSync(join(tmpdir(), 'aspen-e2e-file-'));
  const name = 'Agenda – été 2021 (final) #1.pdf';
  const path = join(dir, name);
  writeFileSync(path, '%PDF-1.4 agenda for the Strategic Track webinar');
  const result = await browser.execute(async (filePath) => {
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const page = await invoke('events_search', { search: { text: 'strategic track' } });
    const eventId = page.items[0].id;
    const resource = await invoke('resource_add', {
      eventId,
      input: { title: '', resource_type: 'agenda', tags: ['agenda'], url: null, path: filePath },
    });
    return { kind: resource.kind, file_name: resource.file_name };
  }, path);
  assert.deepEqual(result, { kind: 'file', file_name: name });

  await byTestId(browser, 'back-to-events').click();
  await byTestId(browser, 'event-row-title').click();
  await waitForText(byTestId(browser, 'resource-count'), 'Record Count: 2');
  const rows = await browser.$$('[data-testid="resource-row"]').map((r) => r.getText());
  assert.ok(rows.some((text) => text.includes(name) && /Save a copy/.test(text)), rows.join(' | '));
});

// A webhook call's details as labelled fields: nested parts flattened under readable labels, values as sent.
import * as assert from 'node:assert/strict';
import { detailParts } from '../../../src/activity/detailParts';
import { entryDetailFields, entryFields } from '../../../src/activity/fields';
import { cellValue, fieldById, LOGS } from '../../../src/activity/logSchema';
import { normalizeWebhook } from '../../../src/api/normalize';

const hostile = '<img src=x onerror=alert(1)>';
const call = normalizeWebhook({ id: 9, type: 'webhookActivity', attributes: {
  webhookFormat: 'v2', event: 'shares.formSubmit', status: 200, accountId: '42', webhookPath: '/Inbox',
  details: {
    accountName: 'acme', attemptId: 'a-1', protocol: 'https', eventTimestamp: '2026-03-11T21:00:00Z',
    eventData: {
      transferStatus: 'success',
      resources: [{ path: '/Inbox/po.pdf', size: 2048 }, { path: hostile, previewable: false }],
      share: [{ name: 'Orders', paths: ['/Inbox', '/Inbox/2026'], accessMode: { upload: true } }],
      formDetails: [{ name: 'Purchase order', value: 'PO-1' }],
    },
  },
} });

describe('details parts', () => {
  it('labels each part readably, numbering a list of several, and keeps values as sent', () => {
    const parts = new Map(detailParts(call));
    assert.equal(parts.get('Details \u203a Account name'), 'acme');
    assert.equal(parts.get('Details \u203a Protocol'), 'https');
    assert.equal(parts.get('Transfer status'), 'success');
    assert.equal(parts.get('Resource 1 \u203a Path'), '/Inbox/po.pdf');
    assert.equal(parts.get('Resource 1 \u203a Size'), '2048');
    assert.equal(parts.get('Resource 2 \u203a Path'), hostile);
    assert.equal(parts.get('Resource 2 \u203a Previewable'), 'false');
    assert.equal(parts.get('Share \u203a Name'), 'Orders');
    assert.equal(parts.get('Share \u203a Paths'), '/Inbox\n/Inbox/2026');
    assert.equal(parts.get('Share \u203a Access mode \u203a Upload'), 'true');
    assert.equal(parts.get('Form \u203a Purchase order'), 'PO-1');
  });

  it('are in the details pane, not in tooltips, and their columns show them on one line', () => {
    const pane = entryDetailFields(call).map(([label]) => label);
    assert.ok(pane.includes('Transfer status') && pane.includes('Watched path') && pane.includes('Account id'));
    assert.ok(!pane.includes('Details'), 'no JSON blob');
    const tooltip = entryFields(call).map(([label]) => label);
    assert.ok(tooltip.includes('Watched path'), 'positive control: the tooltip lists the call\'s fields');
    assert.ok(!tooltip.includes('Transfer status') && !tooltip.includes('Resources'));
    const cell = (id: string) => cellValue(fieldById(LOGS.webhooks, id)!, call);
    assert.equal(cell('resources'), `/Inbox/po.pdf; ${hostile}`);
    assert.equal(cell('shares'), 'Orders');
    assert.equal(cell('formDetails'), 'Purchase order: PO-1');
    assert.equal(cell('accountName'), 'acme');
    assert.equal(cell('webhookPath'), '/Inbox');
  });

  it('show parts nested past any real shape as their JSON, however deep', () => {
    let deep: Record<string, unknown> = { leaf: 'bottom' };
    for (let level = 0; level < 100_000; level++) {
      deep = { inner: deep };
    }
    const nested = normalizeWebhook({ id: 4, type: 'webhookActivity', attributes: { webhookFormat: 'v2', details: { eventData: { shallow: { value: 'top' }, deep } } } });
    const parts = detailParts(nested);
    assert.deepEqual(parts[0], ['Shallow \u203a Value', 'top'], 'positive control: a nested part within reach is a field');
    assert.equal(parts.length, 2);
    assert.ok(parts[1]![0].startsWith('Deep \u203a Inner'));
  });

  it('are none for a call without details', () => {
    const legacy = normalizeWebhook({ id: 3, type: 'webhookActivity', attributes: { event: 'Upload', status: 200 } });
    assert.deepEqual(detailParts(legacy), []);
    assert.equal(cellValue(fieldById(LOGS.webhooks, 'resources')!, legacy), '');
  });
});

// Every attribute the spec gives an entry is described in its log: a column can show it and the
// details list it. The attribute lists are read from the spec itself (test/spec/openapi.yaml), so an
// attribute added there and not described here fails this test.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { detailParts } from '../../../src/activity/detailParts';
import { entryDetailFields } from '../../../src/activity/fields';
import { cellValue, detailText, LOGS, type LogDescription } from '../../../src/activity/logSchema';
import type { ActivityEntry } from '../../../src/api/models';
import { normalizeSession, normalizeWebhook } from '../../../src/api/normalize';
import type { SessionEntryWire, WebhookEntryWire } from '../../../src/api/wire';

type Schema = OpenAPIV3.SchemaObject;

const SPEC = path.resolve(__dirname, '..', '..', 'spec', 'openapi.yaml');

/** A value for each leaf of `schema`, each told apart from the others: strings name their place, numbers count up. */
function sampleOf(schema: Schema, place: string, next: { number: number }): unknown {
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, property]) => [name, sampleOf(property, `${place}.${name}`, next)]));
    case 'array':
      return [sampleOf(schema.items as Schema, `${place}[]`, next)];
    case 'integer':
    case 'number':
      return 900_000 + next.number++;
    case 'boolean':
      return true;
    default:
      return schema.format === 'date-time' ? `2026-03-${String(10 + (next.number++ % 18)).padStart(2, '0')}T12:00:00Z` : `v:${place}`;
  }
}

/** Each leaf of a sample: its place and value. */
function leaves(value: unknown, place: string): [string, unknown][] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => leaves(item, `${place}[]`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([name, part]) => leaves(part, `${place}.${name}`));
  }
  return [[place, value]];
}

/** The attribute as the log field that describes it gives it: the time in milliseconds. */
const wireValueOf = (name: string, value: unknown) => (name === 'created' ? Date.parse(String(value)) : value);

/**
 * The log's fields whose value (or cell) is `expected`, or whose details show it (a legacy event's
 * name beside its code); codes compared regardless of case (operations are upper-cased).
 */
function fieldsGiving(log: LogDescription, entry: ActivityEntry, expected: unknown): string[] {
  const same = (value: unknown) => String(value).toLowerCase() === String(expected).toLowerCase() || (expected === true && value === 'true');
  return log.fields.filter((field) => same(field.value(entry)) || same(cellValue(field, entry)) || (typeof expected === 'string' && detailText(field, entry).includes(expected)))
    .map((field) => field.id);
}

/** A parsable time in place of the spec's plain string. */
const withTime = (attributes: Record<string, unknown>) => Object.assign(attributes, { created: '2026-03-11T21:00:00Z' });

describe('the log description covers every attribute of the spec', () => {
  let schemas: Record<string, Schema>;
  let legacyExample: Record<string, unknown>;

  before(async () => {
    const api = (await SwaggerParser.dereference(SPEC)) as OpenAPIV3.Document;
    schemas = api.components!.schemas as Record<string, Schema>;
    const answer = (api.paths['/activity/webhooks']!.get!.responses['200'] as OpenAPIV3.ResponseObject).content!['application/json']!;
    legacyExample = (answer.example as { data: { attributes: Record<string, unknown> }[] }).data[0]!.attributes;
  });

  const attributesOf = (entry: string) => ((schemas[entry]!.properties as Record<string, Schema>).attributes!);

  it('session logs: each attribute is a field, with a column', () => {
    const attributes = sampleOf(attributesOf('SessionActivityEntry'), 'session', { number: 0 }) as Record<string, unknown>;
    assert.ok(Object.keys(attributes).length >= 11, 'positive control: the spec lists the session attributes');
    Object.assign(withTime(attributes), { operation: 'stor' });
    const entry = normalizeSession({ id: 1, type: 'sessionActivity', attributes } as SessionEntryWire);
    for (const [name, value] of Object.entries(attributes)) {
      assert.notDeepEqual(fieldsGiving(LOGS.sessions, entry, wireValueOf(name, value)), [], `session attribute ${name} has a field`);
    }
  });

  for (const [format, schemaName] of [['v1', 'WebhookActivityAttributesV1'], ['v2', 'WebhookActivityAttributesV2']] as const) {
    it(`${format} webhook calls: each attribute is a field with a column, each part of the details a labelled detail`, () => {
      const attributes = sampleOf(schemas[schemaName]!, format, { number: 0 }) as Record<string, unknown>;
      Object.assign(withTime(attributes), { webhookFormat: format, event: 'resources.upload' });
      const call = normalizeWebhook({ id: 2, type: 'webhookActivity', attributes } as unknown as WebhookEntryWire);
      for (const [name, value] of Object.entries(attributes)) {
        if (name !== 'details') {
          assert.notDeepEqual(fieldsGiving(LOGS.webhooks, call, wireValueOf(name, value)), [], `${format} attribute ${name} has a field`);
        }
      }
      const shown = detailParts(call).map(([, value]) => value);
      const parts = leaves(attributes.details, 'details');
      assert.ok(parts.length >= (format === 'v2' ? 40 : 6), 'positive control: the spec lists the parts of the details');
      for (const [place, value] of parts) {
        assert.ok(shown.some((text) => text.split('\n').includes(String(value))), `${format} ${place} is a detail`);
      }
      assert.ok(entryDetailFields(call).length > shown.length, 'the details pane lists them with the call\'s fields');
    });
  }

  it('legacy webhook calls (the spec\'s example): each attribute is a field, with a column', () => {
    assert.ok(Object.keys(legacyExample).length >= 7, 'positive control: the example has its attributes');
    const call = normalizeWebhook({ id: 3, type: 'webhookActivity', attributes: legacyExample } as unknown as WebhookEntryWire);
    for (const [name, value] of Object.entries(legacyExample)) {
      // The response is empty in the example: an empty text is what it gives.
      assert.notDeepEqual(fieldsGiving(LOGS.webhooks, call, wireValueOf(name, value instanceof Date ? value.toISOString() : value)), [], `legacy attribute ${name} has a field`);
    }
  });
});

// The local server's answers checked against ExaVault's published OpenAPI schemas.
//
// @apidevtools/swagger-parser validates test/spec/openapi.yaml as OpenAPI 3.0 and resolves its $refs;
// Ajv (with ajv-formats for date-time, uri, int32, int64) then validates bodies against the schemas.
//
// Two spec defects are handled here, openly:
// - WebhookActivityEntry.attributes is `oneOf: [V2, V1]` with a discriminator on webhookFormat, but
//   neither subschema pins webhookFormat and neither forbids the other's fields, so every v1 or v2
//   entry matches BOTH and fails oneOf. We validate by the entry's own webhookFormat: "v2" against
//   WebhookActivityAttributesV2, "v1" against WebhookActivityAttributesV1.
// - The legacy shape (no webhookFormat; the spec's own example, with event "Upload") is outside the
//   V1/V2 event enum, so the spec rejects its own example. We validate it against a schema made from
//   that example: V1's created, endpointUrl, response and status, plus event (any string), attempt
//   and responseSize (integers).
// - resources[].size is int32 in the spec, which cannot hold the files ExaVault stores (> 2 GiB), so
//   int32 is checked as a safe integer. (The hostile dataset is not validated: its endpoint URLs are
//   deliberately not URIs.)
// - The /resources* answers are checked against ResourceResponse, ResourceCollectionResponse and
//   PreviewFileResponse as published; the download itself is bytes (application/octet-stream or zip).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import type { WebhookEntryWire } from '../../../../src/api/wire';
import { SAMPLE_FILES, SAMPLES_FOLDER } from '../../../../server/index';
import { useLocalServer } from '../../../support/localServer';
import { apiGet, apiPost } from '../requests';

type Schema = OpenAPIV3.SchemaObject;

const SPEC = path.resolve(__dirname, '..', '..', '..', 'spec', 'openapi.yaml');

interface Validators {
  account: ValidateFunction;
  sessions: ValidateFunction;
  webhooks: ValidateFunction;
  /** The spec's webhook response schema exactly as published. */
  webhooksAsPublished: ValidateFunction;
  /** What POST /webhooks/resend/{activityId} answers. */
  empty: ValidateFunction;
  resource: ValidateFunction;
  resources: ValidateFunction;
  preview: ValidateFunction;
}

async function validators(): Promise<Validators> {
  const api = (await SwaggerParser.validate(SPEC)) as OpenAPIV3.Document;
  const schemas = api.components!.schemas as Record<string, Schema>;
  // Strict, except that the spec's User schema requires a property it never defines (homeResource).
  const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: Number.isSafeInteger });
  ajv.addVocabulary(['example', 'discriminator']);

  const v1 = schemas.WebhookActivityAttributesV1!;
  const v2 = schemas.WebhookActivityAttributesV2!;
  const v1Properties = v1.properties as Record<string, Schema>;
  const legacy: Schema = {
    type: 'object',
    properties: {
      attempt: { type: 'integer' },
      created: v1Properties.created!,
      endpointUrl: v1Properties.endpointUrl!,
      event: { type: 'string' },
      response: v1Properties.response!,
      responseSize: { type: 'integer' },
      status: v1Properties.status!,
    },
  };
  const format = (name: string): Schema => ({ type: 'object', required: ['webhookFormat'], properties: { webhookFormat: { const: name } } } as Schema);
  const byFormat = { if: format('v2'), then: v2, else: { if: format('v1'), then: v1, else: legacy } };
  const response = schemas.WebhookActivityResponse!;
  const entry = schemas.WebhookActivityEntry!;
  const webhooks = {
    ...response,
    properties: { ...response.properties, data: { type: 'array', items: { ...entry, properties: { ...entry.properties, attributes: byFormat } } } },
  };
  return {
    account: ajv.compile(schemas.AccountResponse!),
    sessions: ajv.compile(schemas.SessionActivityResponse!),
    webhooks: ajv.compile(webhooks),
    webhooksAsPublished: ajv.compile(response),
    empty: ajv.compile(schemas.EmptyResponse!),
    resource: ajv.compile(schemas.ResourceResponse!),
    resources: ajv.compile(schemas.ResourceCollectionResponse!),
    preview: ajv.compile(schemas.PreviewFileResponse!),
  };
}

function check(validate: ValidateFunction, body: unknown): void {
  assert.ok(validate(body), JSON.stringify(validate.errors?.slice(0, 5), null, 1));
}

describe('local server: answers match the OpenAPI schemas', function () {
  this.timeout(30_000);
  let schemas: Validators;
  before(async () => {
    schemas = await validators();
  });
  const local = useLocalServer({ seed: 9 });

  const body = async (path: string): Promise<Record<string, unknown>> => {
    const reply = await apiGet(local.server, path);
    assert.equal(reply.status, 200, reply.text);
    return JSON.parse(reply.text) as Record<string, unknown>;
  };

  it('GET /account', async () => {
    check(schemas.account, await body('/account'));
  });

  it('GET /activity/session: every generated entry, in full pages', async () => {
    for (const offset of [0, 1000]) {
      const page = await body(`/activity/session?limit=1000&offset=${offset}`);
      assert.equal((page.data as unknown[]).length, 1000);
      check(schemas.sessions, page);
    }
  });

  it('GET /activity/webhooks: every generated entry, each shape against its own schema', async () => {
    const page = await body('/activity/webhooks?limit=1000');
    const formats = new Set((page.data as { attributes: { webhookFormat?: string } }[]).map((entry) => entry.attributes.webhookFormat ?? 'legacy'));
    assert.deepEqual([...formats].sort(), ['legacy', 'v1', 'v2']);
    check(schemas.webhooks, page);
  });

  it('POST /webhooks/resend/{activityId}: EmptyResponse, and the entry it logs matches its shape', async () => {
    const data = (await body('/activity/webhooks?limit=1000')).data as WebhookEntryWire[];
    for (const shape of ['v2', 'v1', undefined]) {
      const reply = await apiPost(local.server, `/webhooks/resend/${data.find((entry) => entry.attributes.webhookFormat === shape)!.id}`);
      assert.equal(reply.status, 200, reply.text);
      check(schemas.empty, JSON.parse(reply.text));
    }
    const resent = await body('/activity/webhooks?limit=3');
    assert.deepEqual((resent.data as WebhookEntryWire[]).map((entry) => entry.attributes.webhookFormat), [undefined, 'v1', 'v2']);
    check(schemas.webhooks, resent);
  });

  it('GET /activity/webhooks as the spec publishes it: its oneOf rejects both a v2 entry and its own legacy example', async () => {
    const page = await body('/activity/webhooks?limit=1000');
    const data = page.data as { attributes: { webhookFormat?: string } }[];
    for (const shape of ['v2', undefined]) {
      const one = { ...page, data: [data.find((entry) => entry.attributes.webhookFormat === shape)] };
      assert.equal(schemas.webhooksAsPublished(one), false, String(shape));
    }
  });

  it('GET /resources: a file, a folder and the root', async () => {
    for (const path of [SAMPLE_FILES.png, SAMPLES_FOLDER, '/']) {
      const answer = await body(`/resources?resource=${encodeURIComponent(path)}`);
      check(schemas.resource, answer);
      assert.equal((answer.data as { attributes: { path: string } }).attributes.path, path);
    }
  });

  it('GET /resources/list: a folder\'s children, and a search below the root', async () => {
    const page = await body(`/resources/list?resource=${encodeURIComponent(SAMPLES_FOLDER)}`);
    assert.ok((page.data as unknown[]).length >= Object.keys(SAMPLE_FILES).length);
    check(schemas.resources, page);
    check(schemas.resources, await body('/resources/list?resource=/&name=*.pdf&limit=200'));
  });

  it('GET /resources/preview: a PNG and a PDF', async () => {
    for (const path of [SAMPLE_FILES.png, SAMPLE_FILES.pdf]) {
      check(schemas.preview, await body(`/resources/preview?resource=${encodeURIComponent(path)}&size=small`));
    }
  });

  describe('the validator rejects wrong answers (positive controls)', () => {
    it('a resource whose id is a string, or whose type is neither file nor dir', async () => {
      const answer = await body(`/resources?resource=${encodeURIComponent(SAMPLE_FILES.png)}`);
      const data = answer.data as { id: number; attributes: Record<string, unknown> };
      check(schemas.resource, answer);
      assert.equal(schemas.resource({ ...answer, data: { ...data, id: String(data.id) } }), false);
      assert.equal(schemas.resource({ ...answer, data: { ...data, attributes: { ...data.attributes, type: 'folder' } } }), false);
      assert.equal(schemas.resources({ responseStatus: 200, totalResults: 1, returnedResults: 1, data: data }), false);
      assert.equal(schemas.preview({ responseStatus: 200, data: { id: 1, type: 'preview', attributes: { image: 7 } } }), false);
    });

    it('a session entry whose id is a string, and data that is not an array', async () => {
      const page = await body('/activity/session?limit=2');
      const [first, second] = page.data as { id: number }[];
      check(schemas.sessions, page);
      assert.equal(schemas.sessions({ ...page, data: [{ ...first, id: String(first!.id) }, second] }), false);
      assert.equal(schemas.sessions({ ...page, data: { ...first } }), false);
      assert.equal(schemas.sessions({ ...page, data: [{ ...first, type: 'webhookActivity' }] }), false);
    });

    it('webhook entries that break their own shape', async () => {
      const data = (await body('/activity/webhooks?limit=1000')).data as { attributes: Record<string, unknown> }[];
      const v2 = data.find((entry) => entry.attributes.webhookFormat === 'v2')!;
      const v1 = data.find((entry) => entry.attributes.webhookFormat === 'v1')!;
      const legacy = data.find((entry) => entry.attributes.webhookFormat === undefined)!;
      const page = (entry: unknown) => ({ responseStatus: 200, totalResults: 0, returnedResults: 1, data: [entry] });
      const details = v1.attributes.details as Record<string, unknown>;
      for (const wrong of [
        { ...v2, attributes: { ...v2.attributes, event: 'Upload' } },
        { ...v2, attributes: { ...v2.attributes, created: 17 } },
        { ...v1, attributes: { ...v1.attributes, details: { ...details, attempt: 'first' } } },
        { ...legacy, attributes: { ...legacy.attributes, status: '200' } },
        { ...legacy, id: 'abc' },
      ]) {
        assert.equal(schemas.webhooks(page(wrong)), false, JSON.stringify(wrong).slice(0, 200));
      }
      check(schemas.webhooks, page(legacy));
    });

    it('an EmptyResponse whose data is not an array of strings, or whose status is not a number', () => {
      check(schemas.empty, { responseStatus: 200, data: [] });
      for (const wrong of [{ responseStatus: 200, data: {} }, { responseStatus: 200, data: [{}] }, { responseStatus: '200', data: [] }]) {
        assert.equal(schemas.empty(wrong), false, JSON.stringify(wrong));
      }
    });

    it('an account whose name is not a string', async () => {
      const account = await body('/account');
      const data = account.data as { attributes: Record<string, unknown> };
      assert.equal(schemas.account({ ...account, data: { ...data, attributes: { ...data.attributes, accountName: 42 } } }), false);
      assert.equal(schemas.account({ ...account, data: { ...data, id: 'demo' } }), false);
    });
  });
});

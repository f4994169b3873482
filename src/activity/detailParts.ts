// A webhook call's `details` (v1) and `details.eventData` (v2) as labelled fields: what the details
// pane lists, and the one-line texts their columns show. Nested parts are flattened under readable
// labels ("Resource › Path"); every value stays text, exactly as sent.
import * as l10n from '@vscode/l10n';
import type { WebhookCall } from '../api/models';
import type { Field } from './fields';

type Part = Record<string, unknown>;

const isPart = (value: unknown): value is Part => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A scalar as text; nothing for what is absent or not a scalar. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** The call's `details` as sent (v1 and v2), or an empty part. */
export const detailsOf = (call: WebhookCall): Part => (isPart(call.details) ? call.details : {});

/** The v2 payload (`details.eventData`), or an empty part. */
export function eventDataOf(call: WebhookCall): Part {
  const eventData = detailsOf(call).eventData;
  return isPart(eventData) ? eventData : {};
}

/** A list part (resources, shares, form answers) as one line: each item's text by `itemText`, joined by "; ". */
export function listText(list: unknown, itemText: (item: Part) => unknown): string {
  return Array.isArray(list) ? list.filter(isPart).map((item) => textOf(itemText(item))).filter(Boolean).join('; ') : '';
}

/** The words for the parts the spec names; others are the server's own names, made readable. */
const PART_LABELS: Readonly<Record<string, () => string>> = {
  accountName: () => l10n.t('Account name'),
  attempt: () => l10n.t('Attempt'),
  attemptId: () => l10n.t('Attempt id'),
  event: () => l10n.t('Event'),
  eventTimestamp: () => l10n.t('Event timestamp'),
  ipAddress: () => l10n.t('IP address'),
  protocol: () => l10n.t('Protocol'),
  username: () => l10n.t('User'),
  transferStatus: () => l10n.t('Transfer status'),
  resources: () => l10n.t('Resource'),
  share: () => l10n.t('Share'),
  formDetails: () => l10n.t('Form'),
};

/** "accessDescription" as "Access description". */
const readable = (name: string) => {
  const words = name.replace(/([a-z\d])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const labelOf = (name: string) => (Object.hasOwn(PART_LABELS, name) ? PART_LABELS[name]!() : readable(name));
const under = (prefix: string, label: string) => (prefix === '' ? label : `${prefix} \u203a ${label}`);

/** A form answer ({ name, value }): labelled by its question. */
const isAnswer = (item: Part) => Object.keys(item).length === 2 && typeof item.name === 'string' && 'value' in item;

/** Parts nested deeper than this (the spec's go 4 deep) are shown as their JSON: labels stay readable, and a hostile depth cannot exhaust the stack. */
const MAX_DEPTH = 6;

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '';
  }
}

function flatten(prefix: string, name: string, value: unknown, into: Field[], depth = 0): void {
  const label = under(prefix, labelOf(name));
  if (depth >= MAX_DEPTH && typeof value === 'object' && value !== null) {
    into.push([label, jsonText(value)]);
  } else if (Array.isArray(value)) {
    if (value.every((item) => !isPart(item) && !Array.isArray(item))) {
      // A list of names or paths: one field, an item a line.
      into.push([label, value.map(textOf).join('\n')]);
      return;
    }
    value.forEach((item, index) => {
      const itemLabel = value.length === 1 ? label : `${label} ${index + 1}`;
      if (isPart(item) && isAnswer(item)) {
        into.push([under(itemLabel, item.name as string), textOf(item.value)]);
      } else if (isPart(item)) {
        for (const [key, part] of Object.entries(item)) {
          flatten(itemLabel, key, part, into, depth + 1);
        }
      } else {
        into.push([itemLabel, jsonText(item)]);
      }
    });
  } else if (isPart(value)) {
    for (const [key, part] of Object.entries(value)) {
      flatten(label, key, part, into, depth + 1);
    }
  } else {
    into.push([label, textOf(value)]);
  }
}

/**
 * Every part of the call's details as labelled text, in the order sent: the details' own under
 * "Details" (most repeat the call's fields), then `eventData`'s, the payload, under their own names.
 */
export function detailParts(call: WebhookCall): Field[] {
  const fields: Field[] = [];
  const details = detailsOf(call);
  for (const [name, value] of Object.entries(details)) {
    if (name !== 'eventData' || !isPart(value)) {
      flatten(l10n.t('Details'), name, value, fields);
    }
  }
  for (const [name, value] of Object.entries(eventDataOf(call))) {
    flatten('', name, value, fields);
  }
  return fields;
}

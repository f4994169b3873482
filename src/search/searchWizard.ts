// The palette's new search: a time range, then each optional filter, in one multi-step quick input.
import * as vscode from 'vscode';
import { OPERATIONS, WEBHOOK_EVENTS } from '../api/wire';
import { askInput, askPick, BACK, runSteps, type Asked, type Step } from '../ui/inputSteps';
import { presetLabel } from './describeSearch';
import { customRange, endpointUrlError, ipAddressError, parseDateInput, pathError, rangeEndError, rangeStartError, statusError } from './inputChecks';
import type { ActivityKind, ActivitySearch, TimeRange, TimeRangePreset } from './search';

interface ValueItem<T extends string = string> extends vscode.QuickPickItem {
  value: T;
}

/** A filter typed as text. */
interface TextFilter {
  /** Its property in SessionFilters or WebhookFilters. */
  key: string;
  prompt: string;
  placeholder: string;
  validate?: (value: string) => string | undefined;
  /** What to keep of a valid answer (trimmed, by default). */
  normalize?: (value: string) => string;
}

/** What differs between the session and the webhook search. */
interface KindSteps {
  title: string;
  /** The filter picked from a list: operation types or events. */
  pick: { key: string; placeholder: string; items: ValueItem[] };
  texts: TextFilter[];
}

export function searchTitle(kind: ActivityKind): string {
  return kind === 'sessions' ? vscode.l10n.t('Search Session Logs') : vscode.l10n.t('Search Webhook Calls');
}

function kindSteps(kind: ActivityKind): KindSteps {
  const pathPrompt = vscode.l10n.t('A * at the end matches everything under a folder: /Finance/*.');
  const any = vscode.l10n.t('Leave empty for no filter');
  if (kind === 'sessions') {
    return {
      title: searchTitle(kind),
      pick: {
        key: 'types',
        placeholder: vscode.l10n.t('Operation types (pick none for every type)'),
        items: Object.entries(OPERATIONS).map(([code, name]) => ({ label: name, description: code, value: code })),
      },
      texts: [
        { key: 'username', prompt: vscode.l10n.t('Only the activity of this user.'), placeholder: vscode.l10n.t('Username. {0}', any) },
        { key: 'ipAddress', prompt: vscode.l10n.t('Only the activity from this IP address.'), placeholder: vscode.l10n.t('IPv4 or IPv6 address. {0}', any), validate: ipAddressError },
        { key: 'path', prompt: `${vscode.l10n.t('Only the activity on this file or folder.')} ${pathPrompt}`, placeholder: vscode.l10n.t('Path. {0}', any), validate: pathError },
      ],
    };
  }
  return {
    title: searchTitle(kind),
    pick: {
      key: 'events',
      placeholder: vscode.l10n.t('Events (pick none for every event)'),
      items: WEBHOOK_EVENTS.map((event) => ({ label: event, value: event })),
    },
    texts: [
      { key: 'endpointUrl', prompt: vscode.l10n.t('Only the calls to this endpoint.'), placeholder: vscode.l10n.t('Endpoint URL. {0}', any), validate: endpointUrlError },
      {
        key: 'status', prompt: vscode.l10n.t('Only the calls the listener answered with this status (404), or a class of them (4xx).'),
        placeholder: vscode.l10n.t('Status or class. {0}', any), validate: statusError, normalize: (value) => value.trim().toLowerCase(),
      },
      { key: 'resourcePath', prompt: `${vscode.l10n.t('Only the calls about this file or folder.')} ${pathPrompt}`, placeholder: vscode.l10n.t('Path. {0}', any), validate: pathError },
      { key: 'username', prompt: vscode.l10n.t('Only the calls caused by this user.'), placeholder: vscode.l10n.t('Username. {0}', any) },
    ],
  };
}

const PRESETS: readonly TimeRangePreset[] = ['hour', 'day', 'week', 'month', 'quarter'];
type RangeChoice = TimeRangePreset | 'custom';

/** Passes a step's answer on, once `keep` has kept it (when it is an answer). */
function kept<T>(answer: Asked<T>, keep: (value: T) => void): Asked<T> {
  if (answer !== undefined && answer !== BACK) {
    keep(answer);
  }
  return answer;
}

/** Asks for a new search of `kind`; undefined when the user cancels. */
export async function askSearch(kind: ActivityKind): Promise<ActivitySearch | undefined> {
  const { title, pick, texts } = kindSteps(kind);
  const draft = { range: 'day' as RangeChoice, from: '', to: '', picked: [] as string[], texts: {} as Record<string, string> };
  const custom = () => draft.range === 'custom';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const dateFormats = vscode.l10n.t('YYYY-MM-DD or YYYY-MM-DD HH:MM, or ISO 8601 with a zone');
  const rangeItems: ValueItem<RangeChoice>[] = [
    ...PRESETS.map((preset) => ({ label: presetLabel(preset), value: preset })),
    { label: vscode.l10n.t('Custom range...'), description: vscode.l10n.t('from and to dates'), value: 'custom' },
  ];
  const steps: Step[] = [
    {
      ask: async (position) => kept(await askPick({
        title,
        placeholder: vscode.l10n.t('Time range (ExaVault keeps 90 days)'),
        items: rangeItems.map((item) => ({ ...item, picked: item.value === draft.range })),
      }, position), ([item]) => { draft.range = item!.value; }),
    },
    {
      applies: custom,
      ask: async (position) => kept(await askInput({
        title,
        prompt: vscode.l10n.t('Start of the range. A time without a zone is in {0}.', zone),
        placeholder: dateFormats,
        validate: (value) => rangeStartError(value, new Date()),
      }, position, draft.from), (value) => { draft.from = value; }),
    },
    {
      applies: custom,
      ask: async (position) => kept(await askInput({
        title,
        prompt: vscode.l10n.t('End of the range. A time without a zone is in {0}.', zone),
        placeholder: vscode.l10n.t('{0}. Leave empty for now', dateFormats),
        validate: (value) => rangeEndError(value, parseDateInput(draft.from)!, new Date()),
      }, position, draft.to), (value) => { draft.to = value; }),
    },
    {
      ask: async (position) => kept(await askPick({
        title,
        placeholder: pick.placeholder,
        canPickMany: true,
        items: pick.items.map((item) => ({ ...item, picked: draft.picked.includes(item.value) })),
      }, position), (items) => { draft.picked = items.map((item) => item.value); }),
    },
    ...texts.map((text): Step => ({
      ask: async (position) => kept(await askInput({ title, prompt: text.prompt, placeholder: text.placeholder, validate: text.validate }, position, draft.texts[text.key]),
        (value) => { draft.texts[text.key] = value; }),
    })),
  ];
  if (!(await runSteps(steps))) {
    return undefined;
  }
  const range: TimeRange = draft.range === 'custom' ? customRange(draft.from, draft.to, new Date()) : { preset: draft.range };
  const filters = Object.fromEntries([
    [pick.key, draft.picked] as const,
    ...texts.map((text) => [text.key, (text.normalize ?? ((value: string) => value.trim()))(draft.texts[text.key] ?? '')] as const),
  ].filter(([, value]) => value.length > 0));
  return { kind, range, filters } as ActivitySearch;
}

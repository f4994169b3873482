// An incident's evidence as the query panel's search: its time range and the filter that shows its
// entries, and where the API's filters cannot say exactly that, what the search shows besides.
import * as l10n from '@vscode/l10n';
import type { SearchRequest } from '../../search/search';
import type { Incident } from './incident';
import { pathFilterOf } from './rulePaths';

export interface IncidentEvidence {
  request: SearchRequest;
  /** Whether the search shows exactly the incident's entries (and those of its kind it had no room to list). */
  exact: boolean;
  /** What the search shows besides, when not exact. */
  notes: string[];
}

// Entries are logged to the second: the range ends after its last entry's second.
const LAST_SECOND = 999;

export function incidentEvidence(incident: Incident): IncidentEvidence {
  const notes: string[] = [];
  const range = incident.firstTime === undefined || incident.lastTime === undefined
    ? { preset: 'quarter' as const }
    : { from: incident.firstTime, to: incident.lastTime + LAST_SECOND };
  if ('preset' in range) {
    notes.push(l10n.t('Its entries have no time: the search covers the last 90 days.'));
  }
  const account = incident.account === undefined ? {} : { accountId: incident.account };
  switch (incident.rule) {
    case 'endpointFailing':
      return evidence({ ...account, search: { kind: 'webhooks', range, filters: { endpointUrl: incident.subject, failed: true } } }, notes);
    case 'failedLoginsByAddress':
      return evidence({ ...account, search: { kind: 'sessions', range, filters: { ipAddress: incident.subject, types: ['PASS'], failed: true } } }, notes);
    case 'failedLoginsByUsername':
      return evidence({ ...account, search: { kind: 'sessions', range, filters: { username: incident.subject, types: ['PASS'], failed: true } } }, notes);
    case 'massDeletion':
      return evidence({ ...account, search: { kind: 'sessions', range, filters: { username: incident.subject, types: ['DELE'] } } }, notes);
    case 'watchedPath': {
      const path = pathFilterOf(incident.subject);
      if (!path.exact) {
        notes.push(l10n.t('The API takes a wildcard only at the end of a path: this shows everything under {0}, more than {1} watches.', path.filter, incident.subject));
      }
      const operations = incident.operations ?? [];
      if (operations.length === 0 || operations.some((operation) => MOVES.has(operation))) {
        notes.push(l10n.t('The path filter finds a move, copy or rename by where it went: one out of {0} is not shown.', incident.subject));
      }
      const types = operations.length > 0 ? { types: operations } : {};
      return evidence({ ...account, search: { kind: 'sessions', range, filters: { path: path.filter, ...types } } }, notes);
    }
  }
}

const MOVES = new Set(['MOVE', 'COPY', 'RNTO']);

const evidence = (request: SearchRequest, notes: string[]): IncidentEvidence => ({ request, exact: notes.length === 0, notes });

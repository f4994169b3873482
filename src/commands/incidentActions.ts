import * as vscode from 'vscode';
import type { AccountStore } from '../accounts/accountStore';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';
import type { Incident } from '../watch/rules/incident';
import type { ResendFailedCallsArgs } from '../webhooks/resendFailedArgs';
import { incidentEvidence } from '../watch/rules/incidentEvidence';
import type { IncidentMutes } from '../watchView/incidentMutes';
import { ruleName } from '../watchView/incidentsView';
import type { WatchService } from '../watchView/watchService';

/** The Incidents view's actions on an incident, and the one notification per new incident. */
export function registerIncidentActions(watch: WatchService, mutes: IncidentMutes, store: AccountStore): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('exavault.incidents.showEvidence', (incident?: Incident) => incident && showEvidence(incident)),
    vscode.commands.registerCommand('exavault.incidents.muteForAnHour', (incident?: Incident) => incident && mutes.muteForAnHour(incident)),
    vscode.commands.registerCommand('exavault.incidents.muteRuleForSubject', (incident?: Incident) => incident && mutes.muteForGood(incident)),
    vscode.commands.registerCommand('exavault.incidents.dismiss', (incident?: Incident) => incident && mutes.dismiss(incident)),
    vscode.commands.registerCommand('exavault.incidents.resendFailedCalls', (incident?: Incident) => incident && resendFailedCalls(incident)),
    watch.onDidOpen((incidents) => incidents.filter((incident) => !mutes.hides(incident)).forEach((incident) => void notify(incident, mutes, store))),
  ];
}

/** The query panel filtered to the incident's entries; what the filter shows besides, said when it is not exact. */
async function showEvidence(incident: Incident): Promise<void> {
  const evidence = incidentEvidence(incident);
  await vscode.commands.executeCommand('exavault.openSearch', evidence.request);
  if (!evidence.exact) {
    void vscode.window.showInformationMessage(evidence.notes.join(' '));
  }
}

/** An endpoint incident's failed calls, resent over the incident's time range. */
function resendFailedCalls(incident: Incident): Thenable<unknown> {
  const { request } = incidentEvidence(incident);
  const args: ResendFailedCallsArgs = { endpointUrl: incident.subject, range: request.search.range, ...(incident.account ? { accountId: incident.account } : {}) };
  return vscode.commands.executeCommand('exavault.resendFailedCalls', args);
}

async function notify(incident: Incident, mutes: IncidentMutes, store: AccountStore): Promise<void> {
  const account = store.list().find((candidate) => candidate.id === incident.account);
  const show = vscode.l10n.t('Show Evidence');
  const mute = vscode.l10n.t('Mute for 1 Hour');
  // Subjects and account names come from the server: plain text.
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} on {1}: {2}', ruleName(incident.rule),
    plainText(account?.label ?? ''), plainText(incident.subject, MESSAGE_LENGTH)), show, mute);
  if (choice === show) {
    await showEvidence(incident);
  } else if (choice === mute) {
    await mutes.muteForAnHour(incident);
  }
}

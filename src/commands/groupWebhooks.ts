import * as vscode from 'vscode';
import type { WebhookGrouping } from '../activity/grouping';

export const WEBHOOK_GROUPING_KEY = 'exavault.webhooks.groupBy';

/** The Webhook Calls view's grouping: by event, by status class (2xx … no answer) or by endpoint. Remembered. */
export class WebhookGroupingChoice {
  constructor(private readonly state: vscode.Memento, private readonly changed: () => void) {
    void this.publish();
  }

  get value(): WebhookGrouping {
    // Stored state from another release (or edited by hand) may hold anything: only 'status' and 'endpoint' change the grouping.
    const stored = this.state.get<unknown>(WEBHOOK_GROUPING_KEY);
    return stored === 'status' || stored === 'endpoint' ? stored : 'event';
  }

  async set(value: WebhookGrouping): Promise<void> {
    await this.state.update(WEBHOOK_GROUPING_KEY, value);
    await this.publish();
    this.changed();
  }

  private publish(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', WEBHOOK_GROUPING_KEY, this.value);
  }
}

export function registerGroupWebhooksCommands(choice: WebhookGroupingChoice): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('exavault.webhooks.groupByStatus', () => choice.set('status')),
    vscode.commands.registerCommand('exavault.webhooks.groupByEvent', () => choice.set('event')),
    vscode.commands.registerCommand('exavault.webhooks.groupByEndpoint', () => choice.set('endpoint')),
  ];
}

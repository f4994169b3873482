import type { ActivityEntry, SessionEntry, WebhookCall } from '../api/models';
import type { ActivityView } from './activityView';
import type { ActivityNode } from './nodes';

/** Both sidebar views, for commands that act on either. */
export interface ActivityViews {
  sessions: ActivityView<SessionEntry>;
  webhooks: ActivityView<WebhookCall>;
}

export function allViews(views: ActivityViews): ActivityView<ActivityEntry>[] {
  return [views.sessions, views.webhooks];
}

/** What a sidebar row hands the commands run on it, by a click or from its menu: the row itself. */
export type ActivityCommandArgs = ActivityNode<ActivityEntry>;

/** The view of the row a command was run on. */
export function viewOfRow(views: ActivityViews, row: ActivityCommandArgs | undefined): ActivityView<ActivityEntry> | undefined {
  return allViews(views).find((view) => view.presenter.viewId === row?.viewId);
}

export function viewOf(views: ActivityViews, entry: ActivityEntry): ActivityView<ActivityEntry> {
  return entry.kind === 'session' ? views.sessions : views.webhooks;
}

/** The entry a context-menu command was run on; undefined for other rows. */
export function entryOf(row: ActivityCommandArgs | undefined): ActivityEntry | undefined {
  return row?.kind === 'entry' ? row.entry : undefined;
}

import type { ActivityEntry, SessionEntry, WebhookCall } from '../api/models';
import type { ActivityView } from './activityView';
import type { ActivityNode } from './nodes';

/** Both sidebar views, for commands that act on either. */
export interface ActivityViews {
  sessions: ActivityView<SessionEntry>;
  webhooks: ActivityView<WebhookCall>;
}

export function allViews(views: ActivityViews): ActivityView<ActivityEntry>[] {
  return [views.sessions, views.webhooks] as unknown as ActivityView<ActivityEntry>[];
}

/**
 * The view a command is about: rows' own commands pass the view's id; menus on a row pass the row,
 * whose id starts with the view's.
 */
export function viewById(views: ActivityViews, viewIdOrNode: unknown): ActivityView<ActivityEntry> | undefined {
  const id = typeof viewIdOrNode === 'string' ? viewIdOrNode : (viewIdOrNode as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? allViews(views).find((view) => id === view.presenter.viewId || id.startsWith(`${view.presenter.viewId}/`)) : undefined;
}

export function viewOf(views: ActivityViews, entry: ActivityEntry): ActivityView<ActivityEntry> {
  return (entry.kind === 'session' ? views.sessions : views.webhooks) as unknown as ActivityView<ActivityEntry>;
}

/** The entry a context-menu command was run on; undefined for other rows. */
export function entryOf(node: unknown): ActivityEntry | undefined {
  const candidate = node as ActivityNode<ActivityEntry> | undefined;
  return candidate?.kind === 'entry' ? candidate.entry : undefined;
}

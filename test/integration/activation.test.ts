import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExaVaultApi } from '../../src/extension';
import { waitUntil } from '../support/waitUntil';

const extensionId = 'exavault-activity.exavault-activity';

describe('activation in the real extension host', () => {
  it('runs on the clock the harness set (with the clock switch: the date it names)', () => {
    // The harness names the time it expects at start; the suite runs well within half an hour of it.
    const expected = Number(process.env.EXAVAULT_EXPECTED_CLOCK);
    assert.ok(Number.isFinite(expected) && expected > 0, 'the harness named the expected clock');
    assert.ok(Math.abs(Date.now() - expected) < 30 * 60_000, `the extension host reads ${new Date().toISOString()}, expected about ${new Date(expected).toISOString()}`);
  });

  it('activates once startup has finished (for the watch, no "*"), and then watches nothing while no account is watched', async () => {
    const extension = vscode.extensions.getExtension<ExaVaultApi>(extensionId);
    assert.ok(extension, `${extensionId} is loaded`);
    // The test window opens on the Explorer: nothing of ours has been touched, onStartupFinished activates it.
    await waitUntil('activation once startup has finished', () => extension.isActive, 30_000);
    const { watch, store } = extension.exports;
    assert.equal(store.list().some((account) => account.watched), false);
    assert.deepEqual(watch.service.statuses(), []);
    assert.equal(watch.service.requestsSent(), 0);
  });

  it('activates when "ExaVault: Show Log" runs, and registers its commands', async () => {
    await vscode.commands.executeCommand('exavault.showLog');
    const extension = vscode.extensions.getExtension(extensionId)!;
    assert.equal(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('exavault.showLog'));
  });

  it('contributes the ExaVault view container with its Sessions view', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.exavault');
    // Focusing the view works only if VS Code knows it; an unknown view id throws.
    await vscode.commands.executeCommand('exavault.sessions.focus');
  });
});

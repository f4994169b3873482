import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'exavault-activity.exavault-activity';

describe('activation in the real extension host', () => {
  it('runs on the clock the harness set (with the clock switch: the date it names)', () => {
    // The harness names the time it expects at start; the suite runs well within half an hour of it.
    const expected = Number(process.env.EXAVAULT_EXPECTED_CLOCK);
    assert.ok(Number.isFinite(expected) && expected > 0, 'the harness named the expected clock');
    assert.ok(Math.abs(Date.now() - expected) < 30 * 60_000, `the extension host reads ${new Date().toISOString()}, expected about ${new Date(expected).toISOString()}`);
  });

  it('stays inactive until an entry point is used (no "*" activation)', () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is loaded`);
    // The test window opens on the Explorer: nothing of ours has been touched yet.
    assert.equal(extension.isActive, false);
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

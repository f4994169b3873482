// The demo's window opens on the ExaVault view. The extension itself never does this: a user opens
// its view when they want it.
const vscode = require('vscode');

// It also watches the demo account, as a user would with "Watch this Account" once the account is
// imported (at the extension's activation, after a credential check): tried each second until done.
const WATCH_TRIES = 120;

async function watchDemoAccount() {
  for (let tries = 0; tries < WATCH_TRIES; tries++) {
    if (await vscode.commands.executeCommand('exavault.watchAccount')) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

exports.activate = () => {
  void watchDemoAccount();
  return vscode.commands.executeCommand('workbench.view.extension.exavault');
};

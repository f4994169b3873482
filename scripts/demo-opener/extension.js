// The demo's window opens on the ExaVault view. The extension itself never does this: a user opens
// its view when they want it, and only then does it activate.
const vscode = require('vscode');

exports.activate = () => vscode.commands.executeCommand('workbench.view.extension.exavault');

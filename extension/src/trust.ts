import * as vscode from 'vscode';

/**
 * Restricted Mode, as package.json's capabilities.untrustedWorkspaces declares it: linting and simulation
 * work; AWS calls, git (a repository's config can run programs) and writing files need a trusted workspace.
 * Checked where the work happens, because code lenses and code actions run commands past `enablement`.
 */
export function requireTrust(what: string): void {
  if (!vscode.workspace.isTrusted) throw new Error(`${what} disabled in Restricted Mode: trust this workspace first`);
}

import type { Command } from '../command';

/** Every subcommand, in the order `--help` lists them. Only the command run is loaded; those that call AWS load the SDK only when run. */
export const COMMANDS: readonly Command[] = [
  {
    name: 'check',
    summary: 'lint policies and run scenarios (text, JSON or SARIF), for CI and reviews',
    usage: 'check [paths…]',
    load: async () => {
      const { CHECK_HELP, checkCommand } = await import('./check');
      return { help: CHECK_HELP, run: checkCommand };
    },
  },
  {
    name: 'summary',
    summary: 'what each identity class (guests, signed-in users, mapped roles) can do, and who reaches whom',
    usage: 'summary [paths…]',
    load: async () => {
      const { SUMMARY_HELP, summaryCommand } = await import('./summary');
      return { help: SUMMARY_HELP, run: summaryCommand };
    },
  },
  {
    name: 'simulate',
    summary: 'run publish/subscribe scenarios and explain every verdict',
    usage: 'simulate <scenario.json>…',
    load: async () => {
      const { SIMULATE_HELP, simulateCommand } = await import('./simulate');
      return { help: SIMULATE_HELP, run: simulateCommand };
    },
  },
  {
    name: 'prove',
    summary: 'prove isolation, no-access and no-flow properties over every identity and topic',
    usage: 'prove <scenario.json>…',
    load: async () => {
      const { PROVE_HELP, proveCommand } = await import('./prove');
      return { help: PROVE_HELP, run: proveCommand };
    },
  },
  {
    name: 'diff',
    summary: 'what new access does this change grant? (files, folders or --base REV)',
    usage: 'diff <old> <new>',
    load: async () => {
      const { DIFF_HELP, diffCommand } = await import('./diff');
      return { help: DIFF_HELP, run: diffCommand };
    },
  },
  {
    name: 'attach',
    summary: 'create/update an IoT policy and attach it to a Cognito identity, safely',
    usage: 'attach <policy.json> --identity-id ID',
    load: async () => {
      const { ATTACH_HELP, attachCommand } = await import('./attach');
      return { help: ATTACH_HELP, run: attachCommand };
    },
  },
  {
    name: 'attached',
    summary: 'list the IoT policies attached to a Cognito identity',
    usage: 'attached --identity-id ID',
    load: async () => {
      const { ATTACHED_HELP, attachedCommand } = await import('./identity-policies');
      return { help: ATTACHED_HELP, run: attachedCommand };
    },
  },
  {
    name: 'detach',
    summary: 'detach an IoT policy from a Cognito identity',
    usage: 'detach --policy-name N --identity-id ID',
    load: async () => {
      const { DETACH_HELP, detachCommand } = await import('./identity-policies');
      return { help: DETACH_HELP, run: detachCommand };
    },
  },
  {
    name: 'review',
    summary: 'check and simulate the deployed identity pool roles and IoT policies',
    usage: 'review --identity-pool ID',
    load: async () => {
      const { REVIEW_HELP, reviewCommand } = await import('./review');
      return { help: REVIEW_HELP, run: reviewCommand };
    },
  },
];

import type { Command } from '../command';
import { ATTACH_HELP, attachCommand } from './attach';
import { CHECK_HELP, checkCommand } from './check';
import { DIFF_HELP, diffCommand } from './diff';
import { ATTACHED_HELP, attachedCommand, DETACH_HELP, detachCommand } from './identity-policies';
import { PROVE_HELP, proveCommand } from './prove';
import { REVIEW_HELP, reviewCommand } from './review';
import { SIMULATE_HELP, simulateCommand } from './simulate';
import { SUMMARY_HELP, summaryCommand } from './summary';

/** Every subcommand, in the order `--help` lists them. Commands that call AWS load the SDK only when run. */
export const COMMANDS: readonly Command[] = [
  {
    name: 'check',
    summary: 'lint policies and run scenarios (text, JSON or SARIF), for CI and reviews',
    usage: 'check [paths…]',
    help: CHECK_HELP,
    run: checkCommand,
  },
  {
    name: 'summary',
    summary: 'what each identity class (guests, signed-in users, mapped roles) can do, and who reaches whom',
    usage: 'summary [paths…]',
    help: SUMMARY_HELP,
    run: summaryCommand,
  },
  {
    name: 'simulate',
    summary: 'run publish/subscribe scenarios and explain every verdict',
    usage: 'simulate <scenario.json>…',
    help: SIMULATE_HELP,
    run: simulateCommand,
  },
  {
    name: 'prove',
    summary: 'prove isolation, no-access and no-flow properties over every identity and topic',
    usage: 'prove <scenario.json>…',
    help: PROVE_HELP,
    run: proveCommand,
  },
  {
    name: 'diff',
    summary: 'what new access does this change grant? (files, folders or --base REV)',
    usage: 'diff <old> <new>',
    help: DIFF_HELP,
    run: diffCommand,
  },
  {
    name: 'attach',
    summary: 'create/update an IoT policy and attach it to a Cognito identity, safely',
    usage: 'attach <policy.json> --identity-id ID',
    help: ATTACH_HELP,
    run: attachCommand,
  },
  {
    name: 'attached',
    summary: 'list the IoT policies attached to a Cognito identity',
    usage: 'attached --identity-id ID',
    help: ATTACHED_HELP,
    run: attachedCommand,
  },
  {
    name: 'detach',
    summary: 'detach an IoT policy from a Cognito identity',
    usage: 'detach --policy-name N --identity-id ID',
    help: DETACH_HELP,
    run: detachCommand,
  },
  {
    name: 'review',
    summary: 'check and simulate the deployed identity pool roles and IoT policies',
    usage: 'review --identity-pool ID',
    help: REVIEW_HELP,
    run: reviewCommand,
  },
];

import { splitArn } from '../../catalog/arn';
import type { Located } from '../../policy/model';
import { defineRule } from '../rule';

const rule = defineRule({
  meta: {
    id: 'inconsistent-region-account',
    title: 'Region or account differs from the rest of the file',
    family: 'resources',
    severity: 'warning',
    kinds: 'any',
    rationale:
      'An identity pool, its roles and its IoT policies live in one account and region. An ARN with another region or account (a copy-paste from another environment) matches nothing this app does.',
    reference: 'https://docs.aws.amazon.com/iot/latest/developerguide/iot-action-resources.html',
    messages: {
      differs: '{{part}} "{{value}}" differs from "{{majority}}" used by the other ARNs in this file',
    },
  },
  check({ policy, report }) {
    const entries: Array<{ entry: Located<string>; region: string; account: string }> = [];
    for (const statement of policy.statements) {
      for (const entry of statement.resources?.values ?? []) {
        const arn = splitArn(entry.value);
        if (arn?.service === 'iot') entries.push({ entry, region: arn.region, account: arn.account });
      }
    }
    for (const part of ['region', 'account'] as const) {
      const counts = new Map<string, number>();
      for (const e of entries) if (!/[*?$]/.test(e[part])) counts.set(e[part], (counts.get(e[part]) ?? 0) + 1);
      if (counts.size < 2) continue;
      const [majority] = [...counts].sort((a, b) => b[1] - a[1] || entries.findIndex((e) => e[part] === a[0]) - entries.findIndex((e) => e[part] === b[0]))[0];
      for (const e of entries) {
        if (/[*?$]/.test(e[part]) || e[part] === majority) continue;
        report({ messageId: 'differs', data: { part, value: e[part], majority }, range: e.entry.range });
      }
    }
  },
});
export default rule;

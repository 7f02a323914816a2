/**
 * MQTT topic names and topic filters, as the AWS IoT message broker reads them (MQTT 3.1.1 §4.7):
 * `+` matches exactly one level, `#` the rest (including the parent level), and filters that start with
 * a wildcard do not match topics that start with `$`.
 */

/** Returns why the string is not a valid topic name to publish to, or undefined. */
export function topicNameProblem(topic: string): string | undefined {
  if (topic.length === 0) return 'a topic name cannot be empty';
  if (topic.includes('+') || topic.includes('#')) return `"${topic}" contains an MQTT wildcard; topic names to publish to cannot`;
  if (topic.includes('\u0000')) return 'a topic name cannot contain the null character';
  return undefined;
}

/** Returns why the string is not a valid topic filter to subscribe with, or undefined. */
export function topicFilterProblem(filter: string): string | undefined {
  if (filter.length === 0) return 'a topic filter cannot be empty';
  if (filter.includes('\u0000')) return 'a topic filter cannot contain the null character';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return `in "${filter}", "#" must be a whole level and the last one`;
    }
    if (level.includes('+') && level !== '+') return `in "${filter}", "+" must be a whole level`;
  }
  return undefined;
}

/** Whether a subscription with `filter` receives a message published to `topic`; false when either is invalid. */
export function filterMatchesTopic(filter: string, topic: string): boolean {
  if (topicFilterProblem(filter) || topicNameProblem(topic)) return false;
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const filterLevels = filter.split('/');
  const topicLevels = topic.split('/');
  for (let i = 0; i < filterLevels.length; i++) {
    const level = filterLevels[i];
    if (level === '#') return true;
    if (i >= topicLevels.length) return false;
    if (level !== '+' && level !== topicLevels[i]) return false;
  }
  return filterLevels.length === topicLevels.length;
}

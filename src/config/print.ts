// `gocop print-config FILE`: the settings that apply to one file, as YAML a user can paste back into a
// `.gocop.yaml`, headed by comments naming the config file used.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { FileConfig } from './index.js';

const require = createRequire(import.meta.url);

export function formatFileConfig(config: FileConfig, displayFile: string, displayPath: (absolute: string) => string): string {
  const header = [
    `# the settings gocop uses for ${displayFile}`,
    config.configFile ? `# from ${displayPath(config.configFile)} over the defaults` : '# no config file applies: these are the defaults',
  ];
  if (config.excluded) header.push('# the file is excluded: gocop does not report on it');
  const rules: Record<string, unknown> = {};
  for (const rule of config.rules) {
    rules[rule.id] = Object.keys(rule.options).length > 0 ? { severity: rule.severity, options: rule.options } : rule.severity;
  }
  return `${header.join('\n')}\n${(require('yaml') as typeof Yaml).stringify({ excluded: config.excluded, rules })}`;
}

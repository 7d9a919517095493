// The JSON Schema of `.gocop.yaml`, built from the rule metadata so editors (through the YAML language
// server) complete rule ids, severities and option names. schema/gocop.schema.json is generated from
// it by `npm run docs`, and a test checks that the committed file is current.
import type { AnyRule } from '../engine/rule.js';
import { SEVERITY_SETTINGS, optionType } from './load.js';
import { gocopRepositoryFileUrl } from '../util/package-info.js';

/** The schema's `$id`: its file in the repository, under the home page in package.json. */
export function configSchemaId(): string {
  return gocopRepositoryFileUrl('schema/gocop.schema.json');
}

type Schema = Record<string, unknown>;

function valueSchema(value: unknown): Schema {
  const type = optionType(value);
  if (type === 'any') return {};
  if (type === 'map') return { type: 'object' };
  if (type === 'list') return { type: 'array' };
  if (type.startsWith('list of ')) return { type: 'array', items: { type: type.slice('list of '.length, -1) } };
  return { type };
}

function ruleSchema(rule: AnyRule): Schema {
  const defaults = rule.defaultOptions as Record<string, unknown>;
  const options: Schema = { type: 'object', additionalProperties: false, properties: {} };
  for (const [key, value] of Object.entries(defaults)) {
    (options.properties as Schema)[key] = { ...valueSchema(value), default: value };
  }
  return {
    description: `${rule.docs.summary} Default severity: ${rule.severity}.`,
    anyOf: [
      { $ref: '#/definitions/severity' },
      {
        type: 'object',
        additionalProperties: false,
        properties: { severity: { $ref: '#/definitions/severity' }, options },
      },
    ],
  };
}

/** The schema for the given rules. */
export function configJsonSchema(rules: readonly AnyRule[]): Schema {
  const globs = {
    anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: configSchemaId(),
    title: 'gocop configuration (.gocop.yaml)',
    description: 'Generated from the rule metadata by `npm run docs`. See docs/configuration.md.',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: { $ref: '#/definitions/rules' },
      exclude: { ...globs, description: 'Path globs, relative to the config file, of files gocop does not report on.' },
      'exclude-dirs': { ...globs, description: 'Directory names, or path globs relative to the config file, that recursive patterns (./...) do not enter.' },
      'exclude-dirs-use-default': {
        type: 'boolean',
        default: true,
        description: 'Whether recursive patterns also skip vendor, third_party, testdata, examples, Godeps and builtin, as golangci-lint does.',
      },
      tests: { type: 'boolean', description: 'Lint _test.go files (the default); false skips them for every rule.' },
      'build-tags': {
        anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9_.]+$' } }],
        description: 'Build tags (as go build -tags) the linted files and the packages they import are built with, added to --tags.',
      },
      overrides: {
        type: 'array',
        description: 'Settings for the files matching some globs; later entries win.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: { ...globs, description: 'Path globs, relative to the config file.' },
            rules: { $ref: '#/definitions/rules' },
          },
        },
      },
    },
    definitions: {
      severity: { enum: [...SEVERITY_SETTINGS] },
      rules: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((rule) => [rule.id, ruleSchema(rule)])),
      },
    },
  };
}

/** The schema file's text. */
export function renderConfigSchema(rules: readonly AnyRule[]): string {
  return `${JSON.stringify(configJsonSchema(rules), null, 2)}\n`;
}

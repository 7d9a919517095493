// Writes docs/rules/<id>.md for every rule, and schema/gocop.schema.json, from the built metadata (run
// `npm run build` first, or use `npm run docs`, which does both).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { allRules } = await import(path.join(root, 'dist/rules/index.js'));
const { renderRuleDoc } = await import(path.join(root, 'dist/src/engine/docs.js'));
fs.mkdirSync(path.join(root, 'docs/rules'), { recursive: true });
for (const rule of allRules) {
  fs.writeFileSync(path.join(root, 'docs/rules', `${rule.id}.md`), renderRuleDoc(rule));
  console.log(`docs/rules/${rule.id}.md`);
}
const { renderConfigSchema } = await import(path.join(root, 'dist/src/config/schema.js'));
fs.mkdirSync(path.join(root, 'schema'), { recursive: true });
fs.writeFileSync(path.join(root, 'schema/gocop.schema.json'), renderConfigSchema(allRules));
console.log('schema/gocop.schema.json');

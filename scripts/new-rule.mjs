// Scaffolds a rule: its folder rules/<id>/ with the entry rules/<id>/<id>.ts, a testdata package
// testdata/src/<id>/basic/basic.go, and the registry entry in rules/index.ts. Run `npm run docs`
// afterwards to write docs/rules/<id>.md.
// Usage: npm run new-rule -- <rule-id>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const id = process.argv[2];
if (!id || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) {
  console.error('usage: npm run new-rule -- <kebab-case-rule-id>');
  process.exit(2);
}
const ruleDir = path.join(root, 'rules', id);
const ruleFile = path.join(ruleDir, `${id}.ts`);
if (fs.existsSync(ruleDir)) {
  console.error(`rules/${id}/ exists already`);
  process.exit(2);
}
fs.mkdirSync(ruleDir, { recursive: true });
const symbol = id.replace(/-([a-z0-9])/g, (_, letter) => letter.toUpperCase());
fs.writeFileSync(
  ruleFile,
  `// ${id}: TODO say what the rule reports and what it leaves alone.
import { defineRule } from '../../src/engine/rule.js';

export const ${symbol} = defineRule({
  id: '${id}',
  severity: 'warning',
  category: 'correctness',
  docs: {
    summary: 'TODO',
    why: 'TODO',
    bad: 'package p\\n',
    good: 'package p\\n',
  },
  defaultOptions: {},
  create(context) {
    return {
      call_expression(call) {
        void call;
        void context;
      },
    };
  },
});
`,
);
const testdata = path.join(root, 'testdata/src', id, 'basic');
fs.mkdirSync(testdata, { recursive: true });
fs.writeFileSync(path.join(testdata, 'basic.go'), 'package basic\n\n// Add cases: a trailing // want "regexp" marks an expected diagnostic.\n');
const registry = path.join(root, 'rules/index.ts');
let text = fs.readFileSync(registry, 'utf8');
text = text.replace(/(\nexport const allRules: AnyRule\[\] = \[)([^\]]*)\]/, (_, head, list) => `${head}${list.trimEnd()}${list.trim() ? ', ' : ''}${symbol}]`);
text = text.replace(/(import [^\n]+\n)(?![\s\S]*\nimport )/, `$1import { ${symbol} } from './${id}/${id}.js';\n`);
fs.writeFileSync(registry, text);
console.log(`created rules/${id}/${id}.ts, testdata/src/${id}/basic/basic.go; registered in rules/index.ts`);

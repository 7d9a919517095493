// The seam between a package and the packages it imports: a run's ImportUniverse finds an imported
// package on disk, indexes it, and hands its analyses to whoever asks, once per package.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImportUniverse } from '../src/engine/run.js';
import { createAnalyses } from '../src/engine/engine.js';
import { groupPackages } from '../src/index/package-index.js';
import { loadDirectory } from './support/harness.js';

const app = path.resolve(__dirname, '../testdata/modules/local/app').split(path.sep).join('/');

describe('imported packages', () => {
  const universe = createImportUniverse({ enabled: [] });
  const [pkg] = groupPackages(loadDirectory(`${app}/cmd`));
  const analyses = createAnalyses(pkg!, new Map(), universe);
  const file = pkg!.files[0]!;

  it('reads a package of the same module under its local name', () => {
    const util = analyses.imported(file, 'helpers');
    expect(util?.pkg.name).toBe('util');
    expect(util?.pkg.dir).toBe(`${app}/util`);
    expect(util?.pkg.funcs.has('NewClient')).toBe(true);
  });

  it('reads each package once and answers by import path too', () => {
    expect(analyses.importedByPath('example.com/app/util')).toBe(analyses.imported(file, 'helpers'));
  });

  it('answers null for a name that is no import and for an import not on disk, and remembers the latter', () => {
    expect(analyses.imported(file, 'nothing')).toBeNull();
    expect(analyses.importedByPath('example.com/elsewhere/pkg')).toBeNull();
    expect(universe.unresolved.get('example.com/elsewhere/pkg')).toBe(`${app}/cmd`);
  });

  it('reads imported sources only for a package that imports beyond the standard library', () => {
    expect(analyses.readsImportedSources()).toBe(true);
    expect(analyses.imported(file, 'helpers')!.readsImportedSources()).toBe(false);
    expect(createAnalyses(pkg!, new Map(), null).readsImportedSources()).toBe(false);
  });

  it('stands alone without an importer', () => {
    expect(createAnalyses(pkg!, new Map(), null).imported(file, 'helpers')).toBeNull();
  });
});

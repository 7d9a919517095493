// Which files are test code: `_test.go` files, fuzz harnesses and generator programs, and test-helper
// packages. Rules that stay quiet in tests ask here, so they agree on what a test is.
import type { SourceFile } from '../parse/source.js';

/** True for package names that hold test helpers rather than production code. */
export function isTestHelperPackage(name: string): boolean {
  return /test(s|util|utils|ing|helpers?)?$/.test(name) && name !== 'latest';
}

const FUZZ_BUILD = /^\s*\/\/(go:build|\s*\+build)\s.*\b(gofuzz|generate)\b/m;

/**
 * True for test code: `_test.go` files, fuzz harnesses and generator programs (`//go:build gofuzz` or
 * `generate`), and test-helper packages.
 */
export function isTestCode(file: SourceFile, packageName: string): boolean {
  if (file.isTest || isTestHelperPackage(packageName)) return true;
  const packageAt = file.text.search(/^package\s/m);
  return packageAt > 0 && FUZZ_BUILD.test(file.text.slice(0, packageAt));
}

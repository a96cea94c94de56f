import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { adminCatalog, adminLanguages, missingAdminWords } from './catalog.ts';

const APP_SOURCE = path.resolve(import.meta.dirname, '..', '..', '..', 'admin', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the newsroom catalog', () => {
  for (const language of adminLanguages.filter((code) => code !== 'en')) {
    it(`should have every English word in ${language}, with the same placeholders`, () => {
      assert.deepEqual(missingAdminWords(language), []);
      const english = adminCatalog('en');
      const translated = adminCatalog(language);
      for (const [key, text] of Object.entries(english))
        assert.deepEqual(placeholders(translated[key] ?? ''), placeholders(text), `${language} ${key}`);
    });
  }

  it('should have an English word for every literal key the app asks for', () => {
    const english = adminCatalog('en');
    const unknown: string[] = [];
    for (const file of sourceFiles(APP_SOURCE)) {
      const source = readFileSync(file, 'utf8');
      for (const [, key] of source.matchAll(/\bt\(\s*'([a-z][\w-]*\.[\w.]+)'/g)) {
        if (key && !(key in english) && !(`${key}_other` in english))
          unknown.push(`${path.relative(APP_SOURCE, file)}: ${key}`);
      }
    }
    assert.deepEqual(unknown, []);
  });
});

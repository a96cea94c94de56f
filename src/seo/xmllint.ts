import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixturePath, hasFixtures } from '../../test/helpers/fixtures.ts';
import { NEWS_NS, SITEMAP_NS } from './sitemap-xml.ts';

/**
 * Test support: XML Schema validation of sitemaps with xmllint (Debian's libxml2-utils) against the
 * schemas in ../shared/fixtures/sitemaps (see its SOURCE.md). Not used by the running site.
 */

export const isXmllintAvailable = (): boolean => spawnSync('xmllint', ['--version']).status === 0;
export const hasSitemapFixtures = (): boolean => hasFixtures('sitemaps', 'sitemapgen-sitemap.xsd');
export const sitemapFixture = (name: string): string => fixturePath('sitemaps', name);

export type XmllintResult = { isValid: boolean; output: string };

/** Runs `xmllint --noout [--schema XSD] FILE`; without a schema it checks well-formedness only. */
export function xmllint({ file, schema }: { file: string; schema?: string }): XmllintResult {
  const args = ['--noout', '--nonet', ...(schema ? ['--schema', schema] : []), file];
  const run = spawnSync('xmllint', args, { encoding: 'utf8' });
  return { isValid: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

export type SchemaSet = {
  /** sitemaps.org sitemap index. */
  index: string;
  /** sitemaps.org urlset, with no extension namespace known: any extension element is refused. */
  urlset: string;
  /** urlset plus the Google News extension, as /news-sitemap.xml mixes them. */
  news: string;
  /** urlset plus news, video, and stand-ins for image and xhtml (see `schemaSet`). */
  extended: string;
  /** Validates XML text (written to a temporary file) against one of the schemas. */
  validate: (xml: string, schema: string) => XmllintResult;
  dispose: () => void;
};

const importsSchema = (imports: [namespace: string, location: string][]): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
    ...imports.map(
      ([namespace, location]) => `  <xsd:import namespace="${namespace}" schemaLocation="${location}"/>`,
    ),
    '</xsd:schema>',
    '',
  ].join('\n');

/**
 * A stand-in schema for a namespace whose XSD is not among the fixtures: it declares the element
 * and accepts any content inside it, so that only the sitemap, news and video parts are checked.
 */
const standIn = (namespace: string, element: string): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="${namespace}" elementFormDefault="qualified">`,
    `  <xsd:element name="${element}"><xsd:complexType><xsd:sequence>`,
    '    <xsd:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>',
    '  </xsd:sequence><xsd:anyAttribute processContents="skip"/></xsd:complexType></xsd:element>',
    '</xsd:schema>',
    '',
  ].join('\n');

/**
 * Writes the wrapper schemas to a temporary folder. The sitemap schema's `<xsd:any namespace="##other"
 * processContents="strict">` demands a declaration for every extension element, so the news sitemap
 * needs a schema importing both sitemap and news. The fixtures hold no image or xhtml schema: those
 * namespaces get stand-ins that accept any content.
 *
 * @example
 * const schemas = schemaSet(); const result = schemas.validate(xml, schemas.news); schemas.dispose();
 */
export function schemaSet(): SchemaSet {
  const dir = mkdtempSync(path.join(tmpdir(), 'masthead-xsd-'));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const sitemap: [string, string] = [SITEMAP_NS, sitemapFixture('sitemapgen-sitemap.xsd')];
  const news: [string, string] = [NEWS_NS, sitemapFixture('sitemapgen-sitemap-news.xsd')];
  const image = 'http://www.google.com/schemas/sitemap-image/1.1';
  const xhtml = 'http://www.w3.org/1999/xhtml';
  let count = 0;
  return {
    index: sitemapFixture('sitemapgen-siteindex.xsd'),
    urlset: sitemap[1],
    news: write('news.xsd', importsSchema([sitemap, news])),
    extended: write(
      'extended.xsd',
      importsSchema([
        sitemap,
        news,
        ['http://www.google.com/schemas/sitemap-video/1.1', sitemapFixture('sitemapgen-sitemap-video.xsd')],
        [image, write('image-stand-in.xsd', standIn(image, 'image'))],
        [xhtml, write('xhtml-stand-in.xsd', standIn(xhtml, 'link'))],
      ]),
    ),
    validate(xml, schema) {
      count += 1;
      return xmllint({ file: write(`document-${count}.xml`, xml), schema });
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
